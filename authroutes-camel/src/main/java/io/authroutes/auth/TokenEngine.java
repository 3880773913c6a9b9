package io.authroutes.auth;

import io.authroutes.auth.TokenStore.FlightLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.apache.camel.util.TimeUtils;

/**
 * The application's token engine: builds each provider's auth from its {@code providers.<id>.*} block on
 * first use, with the token cache, the token store and the threads every provider of the application shares.
 * Not for applications (the {@code authroutes:} component creates it); may change.
 */
public final class TokenEngine {

    /** What only the runtime the engine runs in (Camel) knows. */
    public interface Host {

        /** An application property, placeholders resolved. */
        Optional<String> property(String key);

        /** The one instance of {@code type} the application bound, if it bound exactly one. */
        <T> Optional<T> bound(Class<T> type);

        /** Where token requests run: a slow token endpoint must not starve another provider's. */
        Executor tokenThreads();

        /** How the provider's token requests reach its token endpoint. */
        TokenEndpoint tokenEndpoint(String providerId, Clock clock);

        /** The token store {@code authroutes.store} names. */
        TokenStore openStore(Clock clock);

        /**
         * The longest a call to an upstream can take, zero when calls have no time limit: after it a replaced
         * session is logged out even if a call still carries it.
         */
        Duration callLimit();
    }

    /** Which token store the application uses: local (the default) or redis. */
    public static final String STORE_PROPERTY = "authroutes.store";

    private final Host host;
    private final Map<String, ProviderAuth> providers = new ConcurrentHashMap<>();
    private final ProviderCredentials credentials = new ProviderCredentials(ProviderOptions.secrets());
    private volatile Clock clock;
    private volatile TokenCache cache;
    private volatile StoreFallback store;

    public TokenEngine(Host host) {
        this.host = host;
    }

    /** The token lifecycle of a provider, created on first use from its {@code providers.<id>.*} block. */
    public ProviderAuth provider(String providerId) {
        // read first: every call asks, and computeIfAbsent would make a new function object each time
        ProviderAuth auth = providers.get(providerId);
        return auth != null ? auth : providers.computeIfAbsent(providerId, this::createProvider);
    }

    public Collection<ProviderAuth> providers() {
        return providers.values();
    }

    /** Records that a step of the provider's routes reads this credential option. */
    public void declare(String providerId, CredentialOption option) {
        credentials.declare(providerId, option);
    }

    /** The options a provider's token requests read, as its routes' steps declared them. */
    public Collection<CredentialOption> credentials(String providerId) {
        return credentials.of(providerId);
    }

    public ProviderProperties properties(String providerId) {
        return new ProviderProperties(providerId, host::property);
    }

    /** The clock bound in the application's registry, else the system's. */
    public Clock clock() {
        if (clock == null) {
            clock = host.bound(Clock.class).orElse(Clock.systemUTC());
        }
        return clock;
    }

    private ProviderAuth createProvider(String providerId) {
        ProviderProperties properties = properties(providerId);
        ProviderSettings settings = ProviderSettings.load(properties);
        SharedAccount account = new SharedAccount(store(), TokenAccount.of(properties, settings.baseUrl()),
                FlightLimits.forTokenTimeout(settings.tokenTimeout()), clock(), () -> credentialValues(properties));
        // backoff is timed on a bound monotonic clock, else System.nanoTime; callers wait through a bound pause, else sleep
        AuthRuntime runtime = new AuthRuntime(clock(), host.bound(MonotonicClock.class).orElse(MonotonicClock.system()),
                host.bound(Pause.class).orElse(Pause.sleeping(clock())), host.tokenThreads(), new Random(), host.callLimit());
        ProviderAuth auth = new ProviderAuth(settings, host.tokenEndpoint(providerId, clock()),
                ConfiguredToken.from(properties), redactor(providerId), cache(), account, runtime);
        auth.joinCluster();
        return auth;
    }

    /** Every credential option the provider's steps read, with its value: what a refused login was tried with. */
    private byte[] credentialValues(ProviderProperties properties) {
        return credentials.of(properties.providerId()).stream()
                .map(option -> option.name() + "=" + properties.optional(option.name()).orElse(""))
                .collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
    }

    /** Where tokens live beyond this instance: {@code authroutes.store} (local, the default, or redis). */
    public synchronized StoreFallback store() {
        if (store == null) {
            String kind = host.property(STORE_PROPERTY).orElse("local").trim();
            Duration retryAfter = host.property("authroutes.store.retryAfter")
                    .map(v -> Duration.ofMillis(TimeUtils.toMilliSeconds(v))).orElse(Duration.ofSeconds(5));
            store = new StoreFallback(host.openStore(clock()), kind, retryAfter);
        }
        return store;
    }

    /** Closes the store; the next {@link #store()} opens it again. */
    public synchronized void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    /**
     * Masks the value of every option the provider's steps declare secret, resolved as the steps read
     * it: from the properties file, a JVM system property, an environment variable or {@code {{env:...}}}.
     */
    public Redactor redactor(String providerId) {
        ProviderProperties properties = properties(providerId);
        return Redactor.resolving(() -> credentials.secretOptions(providerId).stream()
                .map(option -> properties.optional(option).orElse(null)).toList());
    }

    private synchronized TokenCache cache() {
        if (cache == null) {
            cache = new TokenCache(clock());
        }
        return cache;
    }
}

package io.authroutes.auth.camel;

import io.authroutes.auth.ConfiguredToken;
import io.authroutes.auth.CredentialOption;
import io.authroutes.auth.AuthRuntime;
import io.authroutes.auth.MonotonicClock;
import io.authroutes.auth.Pause;
import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.ProviderCredentials;
import io.authroutes.auth.ProviderOptions;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.ProviderSettings;
import io.authroutes.auth.Redactor;
import io.authroutes.auth.SharedAccount;
import io.authroutes.auth.StoreFallback;
import io.authroutes.auth.TokenAccount;
import io.authroutes.auth.TokenCache;
import io.authroutes.auth.TokenStore.FlightLimits;
import io.authroutes.auth.store.TokenStores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.util.PropertiesHelper;

/**
 * The {@code authroutes:} component: the steps provider routes use to obtain, apply and renew tokens.
 * One instance per Camel context owns that context's token cache, so nothing is shared statically.
 *
 * <ul>
 *   <li>{@code authroutes:call} sends the call with a token and re-authenticates on rejection;</li>
 *   <li>{@code authroutes:token} turns a token endpoint's answer into a token;</li>
 *   <li>{@code authroutes:form|json|query|basic|header} put credentials into a token request at run time.</li>
 * </ul>
 */
@Component(AuthroutesComponent.NAME)
public class AuthroutesComponent extends DefaultComponent {

    public static final String NAME = "authroutes";

    private final Map<String, ProviderAuth> providers = new ConcurrentHashMap<>();
    /** Every header name any provider authenticates with: all are dropped from inbound calls. */
    private final CredentialHeaders credentialHeaders = new CredentialHeaders();
    private final ProviderCredentials credentials = new ProviderCredentials(ProviderOptions.secrets());
    private volatile Clock clock;
    private volatile TokenCache cache;
    private volatile ExecutorService tokenThreads;
    private volatile StoreFallback store;

    public static AuthroutesComponent of(CamelContext context) {
        return context.getComponent(NAME, AuthroutesComponent.class);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AuthroutesEndpoint endpoint = new AuthroutesEndpoint(uri, this, remaining);
        endpoint.behaviour();
        StepOptions.check(remaining, parameters);
        // options with a prefix, one per header or field, e.g. field.client_id
        endpoint.getCall().setProviderHeader(PropertiesHelper.extractProperties(parameters, CallStep.PROVIDER_HEADER));
        endpoint.getCall().setSend(PropertiesHelper.extractProperties(parameters, CallStep.SEND));
        endpoint.getTokenAnswer().setKeep(PropertiesHelper.extractProperties(parameters, TokenAnswerStep.KEEP));
        endpoint.getRequestFields().setField(PropertiesHelper.extractProperties(parameters, RequestFieldsStep.FIELD));
        endpoint.getRequestFields().setSecretField(PropertiesHelper.extractProperties(parameters, RequestFieldsStep.SECRET_FIELD));
        setProperties(endpoint, parameters);
        endpoint.validate();
        endpoint.credentialsRead().forEach(option -> credentials.declare(endpoint.getProvider(), option));
        return endpoint;
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

    /** The options a provider's token requests read, as its routes' steps declared them. */
    public Collection<CredentialOption> credentials(String providerId) {
        return credentials.of(providerId);
    }

    CredentialHeaders credentialHeaders() {
        return credentialHeaders;
    }

    ProviderProperties properties(String providerId) {
        return new ProviderProperties(providerId, key -> getCamelContext().getPropertiesComponent().resolveProperty(key));
    }

    public Clock clock() {
        if (clock == null) {
            Set<Clock> clocks = getCamelContext().getRegistry().findByType(Clock.class);
            clock = clocks.size() == 1 ? clocks.iterator().next() : Clock.systemUTC();
        }
        return clock;
    }

    /** The monotonic clock backoff is timed on: a {@link MonotonicClock} bound in the registry, else System.nanoTime. */
    private MonotonicClock monotonicClock() {
        Set<MonotonicClock> clocks = getCamelContext().getRegistry().findByType(MonotonicClock.class);
        return clocks.size() == 1 ? clocks.iterator().next() : MonotonicClock.system();
    }

    /** How callers wait for a backing-off token endpoint: a {@link Pause} bound in the registry, else sleeping. */
    private Pause pause() {
        Set<Pause> pauses = getCamelContext().getRegistry().findByType(Pause.class);
        return pauses.size() == 1 ? pauses.iterator().next() : Pause.sleeping(clock());
    }

    private ProviderAuth createProvider(String providerId) {
        ProviderProperties properties = properties(providerId);
        ProviderSettings settings = ProviderSettings.load(properties);
        SharedAccount account = new SharedAccount(store(), TokenAccount.of(properties, settings.baseUrl()),
                FlightLimits.forTokenTimeout(settings.tokenTimeout()), clock(), () -> credentialValues(properties));
        ProviderAuth auth = new ProviderAuth(settings, new RouteTokenEndpoint(getCamelContext(), providerId, clock()),
                ConfiguredToken.from(properties), redactor(providerId), cache(), account,
                new AuthRuntime(clock(), monotonicClock(), pause(), tokenThreads(), new Random(), callLimit()));
        auth.joinCluster();
        return auth;
    }

    /**
     * The longest a call to an upstream can take: camel-http's {@code camel.component.http.*} waits for a
     * pooled connection, to connect and for the response, together; zero when one of them is off (no limit).
     */
    private Duration callLimit() {
        HttpComponent http = getCamelContext().getComponent("http", HttpComponent.class);
        long[] limits = http == null ? new long[] {0}
                : new long[] {http.getConnectionRequestTimeout(), http.getConnectTimeout(), http.getResponseTimeout()};
        return Arrays.stream(limits).anyMatch(limit -> limit <= 0) ? Duration.ZERO : Duration.ofMillis(Arrays.stream(limits).sum());
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
            var properties = getCamelContext().getPropertiesComponent();
            String kind = properties.resolveProperty(TokenStores.STORE_PROPERTY).orElse("local").trim();
            Duration retryAfter = properties.resolveProperty("authroutes.store.retryAfter")
                    .map(v -> Duration.ofMillis(org.apache.camel.util.TimeUtils.toMilliSeconds(v))).orElse(Duration.ofSeconds(5));
            store = new StoreFallback(TokenStores.open(properties::resolveProperty, System.getenv(), clock()), kind, retryAfter);
        }
        return store;
    }

    /**
     * Masks the value of every option the provider's steps declare secret, resolved as the steps read
     * it: from the properties file, a JVM system property, an environment variable or {@code {{env:...}}}.
     */
    Redactor redactor(String providerId) {
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

    private synchronized ExecutorService tokenThreads() {
        if (tokenThreads == null) {
            // cached: an acquisition per provider at most, and a slow endpoint must not starve another's
            tokenThreads = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "authroutes-token");
        }
        return tokenThreads;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // a wrong authroutes.store.* setting refuses the start, before any call is made
        store();
        // on stop: routes drain, then tokens are revoked, then token routes and HTTP clients stop
        if (!(getCamelContext().getShutdownStrategy() instanceof ShutdownRevocation)) {
            getCamelContext().setShutdownStrategy(new ShutdownRevocation(this, getCamelContext().getShutdownStrategy()));
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (tokenThreads != null) {
            getCamelContext().getExecutorServiceManager().shutdown(tokenThreads);
            tokenThreads = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
        super.doStop();
    }
}

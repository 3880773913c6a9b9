package io.authroutes.auth;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.util.TimeUtils;

/**
 * The engine-level options of one provider, validated once, with errors that name the key to fix.
 * Provider-specific options (credentials, client names) stay in the properties and are read by the
 * provider's routes, whose steps declare them ({@link CredentialOption}); secrets never enter this record.
 * Not for applications (public for the component's call step and routes); may change.
 */
public record ProviderSettings(String providerId, URI baseUrl, ExpiryPolicy expiry, int maxReauthAttempts,
                               FailureSettings failure, Duration tokenTimeout) {

    public static ProviderSettings load(ProviderProperties properties) {
        String id = properties.providerId();
        boolean allowInsecure = Boolean.parseBoolean(properties.optional("allowInsecureHttp").orElse("false"));
        URI baseUrl = url(properties, "baseUrl", allowInsecure);
        properties.optional("tokenUrl").ifPresent(ignored -> url(properties, "tokenUrl", allowInsecure));
        FailureSettings defaults = FailureSettings.DEFAULT;
        return new ProviderSettings(id, baseUrl,
                new ExpiryPolicy(duration(properties, "skew", ExpiryPolicy.DEFAULT_SKEW)),
                count(properties, "maxReauthAttempts", 1, 0),
                new FailureSettings(
                        backoff(properties, "tokenRetryBackoff", "tokenRetryBackoffMax", defaults.unavailable()),
                        backoff(properties, "refusedLoginRetry", "refusedLoginRetryMax", defaults.refused()),
                        duration(properties, "tokenWait", defaults.callerWait()),
                        duration(properties, "freshTokenWindow", defaults.freshTokenWindow())),
                duration(properties, "tokenTimeout", Duration.ofSeconds(30)));
    }

    private static BackoffSchedule backoff(ProviderProperties properties, String firstOption, String maxOption,
                                           BackoffSchedule fallback) {
        Duration first = duration(properties, firstOption, fallback.first());
        Duration max = duration(properties, maxOption, fallback.max().compareTo(first) < 0 ? first : fallback.max());
        if (first.isZero() || max.compareTo(first) < 0) {
            throw invalid(properties, maxOption, "must be at least " + properties.key(firstOption)
                    + ", which must be more than zero");
        }
        return new BackoffSchedule(first, max, fallback.jitter());
    }

    private static URI url(ProviderProperties properties, String option, boolean allowInsecure) {
        String raw = properties.required(option);
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw invalid(properties, option, "is not a URL (" + e.getReason() + ")");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw invalid(properties, option, "must be an absolute http(s) URL, e.g. https://api.example.com/v1");
        }
        if (scheme.equals("http") && !allowInsecure && !isLoopback(uri.getHost())) {
            throw invalid(properties, option, "sends credentials over plain http to " + uri.getHost()
                    + "; use https, or set " + properties.key("allowInsecureHttp") + "=true if you accept that");
        }
        return uri;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Duration duration(ProviderProperties properties, String option, Duration fallback) {
        Optional<String> raw = properties.optional(option);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            Duration value = raw.get().startsWith("P") ? Duration.parse(raw.get())
                    : Duration.ofMillis(TimeUtils.toMilliSeconds(raw.get()));
            if (value.isNegative()) {
                throw invalid(properties, option, "must not be negative");
            }
            return value;
        } catch (RuntimeException e) {
            if (e instanceof ProviderConfigurationException pce) {
                throw pce;
            }
            throw invalid(properties, option, "is not a duration; write it like 60s, 500ms, 2m or PT1M");
        }
    }

    private static int count(ProviderProperties properties, String option, int fallback, int minimum) {
        Optional<String> raw = properties.optional(option);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw invalid(properties, option, "must be a whole number, at least " + minimum);
    }

    private static ProviderConfigurationException invalid(ProviderProperties properties, String option, String problem) {
        return new ProviderConfigurationException(properties.providerId(), properties.key(option) + " " + problem);
    }
}

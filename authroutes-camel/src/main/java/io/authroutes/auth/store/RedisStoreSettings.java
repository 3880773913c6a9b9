package io.authroutes.auth.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.util.TimeUtils;

/**
 * The options of the Redis token store, validated once; every error names the property to fix.
 *
 * @param uri           {@code redis://} or {@code rediss://} (TLS) URI; may carry user and password
 * @param username      from {@code AUTHROUTES_STORE_REDIS_USERNAME}, else the URI, else none
 * @param password      from {@code AUTHROUTES_STORE_REDIS_PASSWORD}, else the URI, else none
 * @param prefix        first segment of every key and of the event channel: apps sharing one Redis
 *                      but not their tokens use different prefixes
 * @param encryptionKey the AES-256 key every stored value is sealed with; the same on every instance
 * @param timing        how long to wait for Redis and for each other
 */
public record RedisStoreSettings(URI uri, String username, String password, String prefix,
                                 SecretKey encryptionKey, Timing timing) {

    public static final String URI_PROPERTY = "authroutes.store.redis.uri";
    public static final String PREFIX_PROPERTY = "authroutes.store.prefix";
    public static final String KEY_PROPERTY = "authroutes.store.encryptionKey";
    static final String USERNAME_ENV = "AUTHROUTES_STORE_REDIS_USERNAME";
    static final String PASSWORD_ENV = "AUTHROUTES_STORE_REDIS_PASSWORD";

    /**
     * @param timeout      longest wait for one Redis command or connection attempt
     * @param pollInterval longest wait before a waiting instance looks again without being woken
     * @param heartbeat    how long an instance that stopped heartbeating still counts as live
     */
    public record Timing(Duration timeout, Duration pollInterval, Duration heartbeat) {

        static final Timing DEFAULT = new Timing(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(15));
    }

    public static RedisStoreSettings load(Function<String, Optional<String>> properties, Map<String, String> env) {
        URI uri = uri(properties.apply(URI_PROPERTY).orElseThrow(() -> new StoreConfigurationException(URI_PROPERTY,
                "is missing: authroutes.store=redis needs the server, e.g. redis://localhost:6379")));
        String[] userInfo = Optional.ofNullable(uri.getUserInfo()).orElse("").split(":", 2);
        String username = Optional.ofNullable(env.get(USERNAME_ENV))
                .orElse(userInfo.length == 2 && !userInfo[0].isEmpty() ? userInfo[0] : null);
        String password = Optional.ofNullable(env.get(PASSWORD_ENV))
                .orElse(userInfo.length == 2 ? userInfo[1] : userInfo[0].isEmpty() ? null : userInfo[0]);
        String prefix = properties.apply(PREFIX_PROPERTY).orElse("authroutes");
        if (!prefix.matches("[A-Za-z0-9._-]+")) {
            throw new StoreConfigurationException(PREFIX_PROPERTY, "may hold only letters, digits, '.', '_' and '-'");
        }
        Timing timing = new Timing(
                duration(properties, "authroutes.store.redis.timeout", Timing.DEFAULT.timeout()),
                duration(properties, "authroutes.store.redis.pollInterval", Timing.DEFAULT.pollInterval()),
                duration(properties, "authroutes.store.heartbeat", Timing.DEFAULT.heartbeat()));
        return new RedisStoreSettings(withoutUserInfo(uri), username, password, prefix,
                encryptionKey(properties.apply(KEY_PROPERTY)), timing);
    }

    private static URI uri(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new StoreConfigurationException(URI_PROPERTY, "is not a URI; write it like redis://host:6379");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new StoreConfigurationException(URI_PROPERTY, "must be redis://host:port or rediss://host:port (TLS), not "
                    + masked(uri));
        }
        return uri;
    }

    /** The key comes from the environment through a placeholder; its value is never repeated in an error. */
    static SecretKey encryptionKey(Optional<String> base64) {
        String raw = base64.filter(s -> !s.isBlank()).orElseThrow(() -> new StoreConfigurationException(KEY_PROPERTY,
                "is missing: the redis store encrypts every token at rest; create one with: openssl rand -base64 32"));
        byte[] key;
        try {
            key = Base64.getDecoder().decode(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new StoreConfigurationException(KEY_PROPERTY, "is not base64; create one with: openssl rand -base64 32");
        }
        if (key.length != 32) {
            throw new StoreConfigurationException(KEY_PROPERTY, "decodes to " + key.length
                    + " bytes; an AES-256 key is 32 bytes: openssl rand -base64 32");
        }
        return new SecretKeySpec(key, "AES");
    }

    private static Duration duration(Function<String, Optional<String>> properties, String property, Duration fallback) {
        Optional<String> raw = properties.apply(property);
        try {
            Duration value = raw.map(s -> s.startsWith("P") ? Duration.parse(s) : Duration.ofMillis(TimeUtils.toMilliSeconds(s)))
                    .orElse(fallback);
            if (!value.isNegative() && !value.isZero()) {
                return value;
            }
        } catch (RuntimeException e) {
            // reported below with the accepted forms
        }
        throw new StoreConfigurationException(property, "must be a positive duration, like 2s, 500ms or PT1M");
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("parts of a valid URI make a valid URI", e);
        }
    }

    /** The URI as it may appear in a message or a log: user and password replaced. */
    static String masked(URI uri) {
        return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo(), "***");
    }

    @Override
    public String toString() {
        return "RedisStoreSettings[" + masked(uri) + ", user " + (username == null ? "none" : "set")
                + ", password " + (password == null ? "none" : "set") + ", prefix " + prefix + ", " + timing + "]";
    }
}

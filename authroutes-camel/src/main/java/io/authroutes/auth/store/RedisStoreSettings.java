package io.authroutes.auth.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.util.TimeUtils;

/**
 * The options of the Redis token store, validated once; every error names the property to fix.
 *
 * @param uri           where Redis is, without user and password: {@code redis://} or {@code rediss://} (TLS)
 *                      with one host, or several comma-separated seed nodes in cluster mode; or
 *                      {@code redis-sentinel://} / {@code rediss-sentinel://} with the sentinels and
 *                      {@code ?sentinelMasterId=}
 * @param mode          standalone (one server, or Sentinel's current primary) or cluster
 * @param username      from {@code AUTHROUTES_STORE_REDIS_USERNAME}, else the URI, else none
 * @param password      from {@code AUTHROUTES_STORE_REDIS_PASSWORD}, else the URI, else none
 * @param prefix        first segment of every key and of the event channel: apps sharing one Redis
 *                      but not their tokens use different prefixes
 * @param encryptionKey the AES-256 key every stored value is sealed with; the same on every instance
 * @param timing        how long to wait for Redis and for each other
 */
record RedisStoreSettings(String uri, Mode mode, String username, String password, String prefix,
                                 SecretKey encryptionKey, Timing timing) {

    public static final String URI_PROPERTY = "authroutes.store.redis.uri";
    public static final String MODE_PROPERTY = "authroutes.store.redis.mode";
    public static final String PREFIX_PROPERTY = "authroutes.store.prefix";
    public static final String KEY_PROPERTY = "authroutes.store.encryptionKey";
    static final String USERNAME_ENV = "AUTHROUTES_STORE_REDIS_USERNAME";
    static final String PASSWORD_ENV = "AUTHROUTES_STORE_REDIS_PASSWORD";
    /** scheme, user info, host list, and the rest (path and query). */
    private static final Pattern REDIS_URI = Pattern.compile("(rediss?(?:-sentinel)?)://(?:([^@/?]*)@)?([^/?#]+)(.*)");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._\\[\\]:-]+");
    private static final Pattern USER_INFO = Pattern.compile("(://)[^@/?]*@");

    /** How the instances reach Redis: {@code sentinel} is a standalone primary found through the URI's sentinels. */
    public enum Mode { STANDALONE, SENTINEL, CLUSTER }

    /**
     * @param timeout      longest wait for one Redis command or connection attempt
     * @param pollInterval longest wait before a waiting instance looks again without being woken
     * @param heartbeat    how long an instance that stopped heartbeating still counts as live
     */
    public record Timing(Duration timeout, Duration pollInterval, Duration heartbeat) {

        static final Timing DEFAULT = new Timing(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(15));
    }

    public static RedisStoreSettings load(Function<String, Optional<String>> properties, Map<String, String> env) {
        String raw = properties.apply(URI_PROPERTY).map(String::trim).orElseThrow(() -> new StoreConfigurationException(URI_PROPERTY,
                "is missing: authroutes.store=redis needs the server, e.g. redis://localhost:6379"));
        Matcher uri = REDIS_URI.matcher(raw);
        if (!uri.matches() || !Arrays.stream(uri.group(3).split(",")).allMatch(host -> HOST.matcher(host).matches())) {
            throw new StoreConfigurationException(URI_PROPERTY, "must be redis://host:port or rediss://host:port (TLS),"
                    + " redis-sentinel://host:port,host:port/?sentinelMasterId=name, or redis://host:port,host:port with "
                    + MODE_PROPERTY + "=cluster; not " + masked(raw));
        }
        Mode mode = mode(properties.apply(MODE_PROPERTY).orElse("standalone").trim(), uri, raw);
        String[] userInfo = Optional.ofNullable(uri.group(2)).map(RedisStoreSettings::decoded).orElse("").split(":", 2);
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
        return new RedisStoreSettings(uri.group(1) + "://" + uri.group(3) + uri.group(4), mode, username, password, prefix,
                encryptionKey(properties.apply(KEY_PROPERTY)), timing);
    }

    private static Mode mode(String named, Matcher uri, String raw) {
        boolean sentinel = uri.group(1).endsWith("-sentinel");
        boolean severalHosts = uri.group(3).contains(",");
        switch (named) {
            case "cluster":
                if (sentinel) {
                    throw new StoreConfigurationException(MODE_PROPERTY, "is cluster, but " + URI_PROPERTY
                            + " names sentinels; a Redis Cluster has no sentinels: list its nodes as redis://host:port,host:port");
                }
                return Mode.CLUSTER;
            case "standalone":
                if (sentinel && !uri.group(4).contains("sentinelMasterId=")) {
                    throw new StoreConfigurationException(URI_PROPERTY, "names sentinels but no primary: add"
                            + " ?sentinelMasterId=<name of the primary in sentinel.conf> to " + masked(raw));
                }
                if (severalHosts && !sentinel) {
                    throw new StoreConfigurationException(URI_PROPERTY, "names several hosts: set " + MODE_PROPERTY
                            + "=cluster for a Redis Cluster, or write redis-sentinel://...?sentinelMasterId= for Sentinel");
                }
                return sentinel ? Mode.SENTINEL : Mode.STANDALONE;
            default:
                throw new StoreConfigurationException(MODE_PROPERTY, "is '" + named + "'; use standalone (the default,"
                        + " also for Sentinel, which the redis-sentinel:// URI implies) or cluster");
        }
    }

    /** Percent-decoded as a URI's user info is; as written when it holds a '%' that is no escape. */
    private static String decoded(String userInfo) {
        try {
            return URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return userInfo;
        }
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

    /** The URI as it may appear in a message or a log: user and password replaced. */
    static String masked(String uri) {
        return USER_INFO.matcher(uri).replaceFirst("$1***@");
    }

    @Override
    public String toString() {
        return "RedisStoreSettings[" + uri + ", " + mode + ", user " + (username == null ? "none" : "set")
                + ", password " + (password == null ? "none" : "set") + ", prefix " + prefix + ", " + timing + "]";
    }
}

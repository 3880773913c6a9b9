package io.authroutes.auth.store;

import io.authroutes.auth.TokenAccount;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The Redis commands of the store, each atomic on the server. Checks and changes that must not be split
 * by another instance run as one Lua script (Redis EVAL runs a script without interleaving).
 */
final class StoreCommands {

    /** SET NX PX, or how many milliseconds the current holder has left. */
    private static final String ACQUIRE_LEASE = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
            return math.max(redis.call('PTTL', KEYS[1]), 1)""";
    /** Deletes the lease only while it is still ours: an expired lease may belong to another instance now. */
    private static final String RELEASE_LEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";
    /** Extends the lease only while it is still ours; 0 when it ran out or another instance holds it. */
    private static final String RENEW_LEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""";
    /** Compare-and-set on the raw (sealed) value; '' means absent for the expected value and delete for the next. */
    private static final String SWAP = """
            local current = redis.call('GET', KEYS[1])
            if ARGV[1] == '' then
              if current then return 0 end
            elseif current ~= ARGV[1] then return 0 end
            if ARGV[2] == '' then redis.call('DEL', KEYS[1])
            elseif tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            else redis.call('SET', KEYS[1], ARGV[2]) end
            return 1""";
    /** Members are scored by when their heartbeat runs out, on Redis's clock, so instance clocks never disagree. */
    private static final String NOW = """
            local t = redis.call('TIME')
            local now = t[1] * 1000 + math.floor(t[2] / 1000)
            """;
    private static final String HEARTBEAT = NOW + """
            redis.call('ZADD', KEYS[1], now + ARGV[2], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1""";
    private static final String LEAVE = NOW + """
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            return redis.call('ZCARD', KEYS[1])""";
    private static final String LIVE = NOW + "return redis.call('ZCOUNT', KEYS[1], now + 1, '+inf')";

    private static final byte[] NONE = new byte[0];

    private final RedisLink link;

    StoreCommands(RedisLink link) {
        this.link = link;
    }

    Optional<byte[]> get(TokenAccount account, String key) {
        return Optional.ofNullable(link.call(account, "GET", redis -> redis.get(key)));
    }

    void set(TokenAccount account, String key, byte[] value, Optional<Duration> ttl) {
        link.call(account, "SET", redis -> ttl.isPresent()
                ? redis.set(key, value, SetArgs.Builder.px(Math.max(1, ttl.get().toMillis())))
                : redis.set(key, value));
    }

    /** 0 when the lease is now {@code owner}'s, else the milliseconds its holder has left. */
    long acquireLease(TokenAccount account, String key, String owner, Duration lease) {
        return script(account, "lease", ACQUIRE_LEASE, key, text(owner), text(lease.toMillis()));
    }

    /** Whether a replica holds {@code key} as written (and so survives a failover); true where there are no replicas. */
    boolean replicated(TokenAccount account, String key) {
        return link.replicated(account, key);
    }

    /** Sentinel and cluster: a write may be lost when a primary fails over before its replica has it. */
    boolean hasReplicas() {
        return link.hasReplicas();
    }

    void releaseLease(TokenAccount account, String key, String owner) {
        script(account, "lease release", RELEASE_LEASE, key, text(owner));
    }

    /** True while {@code owner} still holds the lease, which now runs {@code lease} from now. */
    boolean renewLease(TokenAccount account, String key, String owner, Duration lease) {
        return script(account, "lease renewal", RENEW_LEASE, key, text(owner), text(lease.toMillis())) == 1;
    }

    boolean swap(TokenAccount account, String key, Optional<byte[]> expected, Optional<byte[]> next, Duration ttl) {
        return script(account, "compare and set", SWAP, key, expected.orElse(NONE), next.orElse(NONE),
                text(ttl.toMillis())) == 1;
    }

    void publish(TokenAccount account, String channel, String message) {
        link.call(account, "PUBLISH", redis -> redis.publish(channel, text(message)));
    }

    void heartbeat(TokenAccount account, String key, String member, Duration heartbeat) {
        script(account, "heartbeat", HEARTBEAT, key, text(member), text(heartbeat.toMillis()));
    }

    /** Removes {@code member} and the members whose heartbeat ran out; the live members left. */
    long leave(TokenAccount account, String key, String member) {
        return script(account, "leave", LEAVE, key, text(member));
    }

    long live(TokenAccount account, String key) {
        return script(account, "members", LIVE, key);
    }

    private long script(TokenAccount account, String what, String lua, String key, byte[]... args) {
        Long result = link.call(account, what, redis -> redis.eval(lua, ScriptOutputType.INTEGER, new String[] {key}, args));
        return result;
    }

    private static byte[] text(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}

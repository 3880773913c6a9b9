package io.authroutes.auth.store;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What anyone with access to Redis sees: raw keys and bytes, no store code in between. */
final class RawRedis implements AutoCloseable {

    private static final Pattern EVAL_CALLS = Pattern.compile("cmdstat_eval:calls=(\\d+)");

    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;

    RawRedis(String uri) {
        client = RedisClient.create(uri);
        connection = client.connect(ByteArrayCodec.INSTANCE);
    }

    RedisCommands<byte[], byte[]> commands() {
        return connection.sync();
    }

    List<String> keys(String pattern) {
        return commands().keys(pattern.getBytes(StandardCharsets.UTF_8)).stream()
                .map(key -> new String(key, StandardCharsets.UTF_8)).toList();
    }

    /** Scripts run by every client so far (each lease attempt is one). */
    long scriptCalls() {
        Matcher calls = EVAL_CALLS.matcher(commands().info("commandstats"));
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}

package io.authroutes.auth.store;

import io.authroutes.auth.TokenAccount;
import io.authroutes.auth.TokenStoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The two connections of one instance: commands (shared by all threads; Lettuce multiplexes them) and
 * the event subscription. Both are opened on first use, so an instance starts while Redis is down, and
 * Lettuce reconnects (and resubscribes) after an outage. While disconnected, commands are rejected at
 * once instead of queued, and every command is bounded by the timeout: Redis trouble is a
 * {@link TokenStoreUnavailableException} within that timeout, never a hang.
 */
final class RedisLink implements AutoCloseable {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** Back within two seconds of Redis returning, without hammering it while it is away. */
    private static final Delay RECONNECT = Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS);

    private final ClientResources resources;
    private final RedisClient client;
    private final String shownUri;
    private final String channel;
    /** Who the store logs in as, for messages: the configured user, or Redis's {@code default}. */
    private final String user;
    private final RedisPubSubListener<String, String> events;
    private StatefulRedisConnection<String, byte[]> commands;
    private StatefulRedisPubSubConnection<String, String> subscription;

    RedisLink(RedisStoreSettings settings, String channel, RedisPubSubListener<String, String> events) {
        Duration timeout = settings.timing().timeout();
        RedisURI uri = RedisURI.create(settings.uri());
        if (settings.username() != null) {
            uri.setUsername(settings.username());
        }
        if (settings.password() != null) {
            uri.setPassword(settings.password().toCharArray());
        }
        uri.setTimeout(timeout);
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(RECONNECT).build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        this.shownUri = RedisStoreSettings.masked(settings.uri());
        this.channel = channel;
        this.user = settings.username() == null ? "default" : settings.username();
        this.events = events;
    }

    /** Runs one command for {@code account}; any Redis failure becomes the typed exception naming what was asked. */
    <T> T call(TokenAccount account, String what, Function<RedisCommands<String, byte[]>, T> command) {
        try {
            return command.apply(connected().sync());
        } catch (SubscriptionRefused e) {
            throw new TokenStoreUnavailableException(account.providerId(), "the token store at " + shownUri + " refuses "
                    + user + " the channel " + channel + " (" + e.getMessage() + "); Redis 7 gives new users no channel:"
                    + " ACL SETUSER " + user + " &" + channel, e);
        } catch (RedisCommandExecutionException e) {
            throw new TokenStoreUnavailableException(account.providerId(), "the token store at " + shownUri + " refused "
                    + what + " for " + user + ": " + e.getMessage(), e);
        } catch (RedisException e) {
            throw new TokenStoreUnavailableException(account.providerId(), "the token store at " + shownUri
                    + " did not answer (" + what + "): " + e.getClass().getSimpleName(), e);
        }
    }

    /** Subscribes now if Redis answers, so events reach listeners before this instance's first command. */
    void subscribeIfReachable() {
        reachable();
    }

    boolean reachable() {
        try {
            return "PONG".equals(connected().sync().ping());
        } catch (RedisException e) {
            return false;
        }
    }

    private synchronized StatefulRedisConnection<String, byte[]> connected() {
        if (subscription == null) {
            StatefulRedisPubSubConnection<String, String> opened = client.connectPubSub();
            try {
                opened.addListener(events);
                opened.sync().subscribe(channel);
            } catch (RedisCommandExecutionException e) {
                opened.close();
                throw new SubscriptionRefused(e);
            } catch (RedisException e) {
                opened.close();
                throw e;
            }
            subscription = opened;
        }
        if (commands == null) {
            commands = client.connect(CODEC);
        }
        return commands;
    }

    /** Redis answered SUBSCRIBE with an error: the user may use the keys but not the channel (an ACL without {@code &}). */
    private static final class SubscriptionRefused extends RedisException {

        SubscriptionRefused(RedisCommandExecutionException refusal) {
            super(refusal.getMessage(), refusal);
        }
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
        }
        if (commands != null) {
            commands.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}

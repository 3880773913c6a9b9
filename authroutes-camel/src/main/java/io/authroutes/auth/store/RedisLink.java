package io.authroutes.auth.store;

import io.authroutes.auth.TokenAccount;
import io.authroutes.auth.TokenStoreUnavailableException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The two connections of one instance (to one server, to the primary Sentinel names, or to a Redis Cluster):
 * commands (shared by all threads; Lettuce multiplexes them) and the event subscription. Both are opened on first use, so an instance starts while Redis is down, and
 * Lettuce reconnects (and resubscribes) after an outage, unless a command reopens them first. While disconnected, commands are rejected at
 * once instead of queued, and every command is bounded by the timeout: Redis trouble is a
 * {@link TokenStoreUnavailableException} within that timeout, never a hang.
 */
final class RedisLink implements AutoCloseable {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** Back within two seconds of Redis returning, without hammering it while it is away. */
    private static final Delay RECONNECT = Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS);

    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final String shownUri;
    private final String channel;
    /** Sentinel and cluster: a primary has a replica that takes over when it dies. */
    private final boolean replicated;
    private final Duration timeout;
    /** Who the store logs in as, for messages: the configured user, or Redis's {@code default}. */
    private final String user;
    private final RedisPubSubListener<String, String> events;
    private StatefulConnection<String, byte[]> commands;
    private RedisClusterCommands<String, byte[]> sync;
    private StatefulRedisPubSubConnection<String, String> subscription;

    RedisLink(RedisStoreSettings settings, String channel, RedisPubSubListener<String, String> events) {
        Duration timeout = settings.timing().timeout();
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(RECONNECT).build();
        if (settings.mode() == RedisStoreSettings.Mode.CLUSTER) {
            RedisClusterClient cluster = RedisClusterClient.create(resources, seeds(settings).stream()
                    .map(seed -> withCredentials(seed, settings)).toList());
            // follows slot moves and failovers at once (MOVED, ASK, lost nodes), and checks the layout now and then
            cluster.setOptions(options(ClusterClientOptions.builder(), timeout).topologyRefreshOptions(
                    ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers()
                            .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                            .enablePeriodicRefresh(Duration.ofSeconds(30)).build()).build());
            this.client = cluster;
        } else {
            // Lettuce resolves a sentinel URI's primary on every (re)connection, so a failover is followed
            RedisClient single = RedisClient.create(resources, withCredentials(settings.uri(), settings));
            single.setOptions(options(ClientOptions.builder(), timeout).build());
            this.client = single;
        }
        this.shownUri = settings.uri();
        this.replicated = settings.mode() != RedisStoreSettings.Mode.STANDALONE;
        this.timeout = timeout;
        this.channel = channel;
        this.user = settings.username() == null ? "default" : settings.username();
        this.events = events;
    }

    /** {@code redis://a:1,b:2/0} as {@code redis://a:1/0} and {@code redis://b:2/0}. */
    private static List<String> seeds(RedisStoreSettings settings) {
        String uri = settings.uri();
        int hostsAt = uri.indexOf("://") + 3;
        int hostsEnd = IntStream.of(uri.indexOf('/', hostsAt), uri.indexOf('?', hostsAt), uri.length())
                .filter(i -> i >= 0).min().orElseThrow();
        String rest = uri.substring(hostsEnd);
        return Arrays.stream(uri.substring(hostsAt, hostsEnd).split(","))
                .map(host -> uri.substring(0, hostsAt) + host + rest).toList();
    }

    private static RedisURI withCredentials(String raw, RedisStoreSettings settings) {
        RedisURI uri = RedisURI.create(raw);
        if (settings.username() != null) {
            uri.setUsername(settings.username());
        }
        if (settings.password() != null) {
            uri.setPassword(settings.password().toCharArray());
        }
        uri.setTimeout(settings.timing().timeout());
        return uri;
    }

    private static <B extends ClientOptions.Builder> B options(B builder, Duration timeout) {
        builder.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout));
        return builder;
    }

    /** Runs one command for {@code account}; any Redis failure becomes the typed exception naming what was asked. */
    <T> T call(TokenAccount account, String what, Function<RedisClusterCommands<String, byte[]>, T> command) {
        try {
            return command.apply(connected());
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

    /**
     * Waits until a replica holds this instance's writes so far, the one to {@code key} included, so that a
     * failover cannot lose it (Redis replication is asynchronous; WAIT, redis.io/commands/wait). True when a
     * replica acknowledged within half the timeout, or when there is no replica to wait for (standalone).
     */
    boolean replicated(TokenAccount account, String key) {
        if (!replicated) {
            return true;
        }
        // half the command timeout, so Redis answers "no replica yet" before the client gives up on it
        return call(account, "WAIT", redis -> serving(redis, key).waitForReplication(1, Math.max(1, timeout.toMillis() / 2)) >= 1);
    }

    boolean hasReplicas() {
        return replicated;
    }

    /** The node that holds {@code key}: in a cluster, the primary the client routes the key's slot to. */
    private RedisClusterCommands<String, byte[]> serving(RedisClusterCommands<String, byte[]> redis, String key) {
        if (!(commands instanceof StatefulRedisClusterConnection<String, byte[]> cluster)) {
            return redis;
        }
        int slot = SlotHash.getSlot(key);
        RedisClusterNode node = cluster.getPartitions().getPartitionBySlot(slot);
        if (node == null) {
            throw new RedisException("no Redis Cluster node serves slot " + slot);
        }
        return cluster.getConnection(node.getNodeId()).sync();
    }

    /** Subscribes now if Redis answers, so events reach listeners before this instance's first command. */
    void subscribeIfReachable() {
        reachable(List.of());
    }

    /**
     * Whether Redis answers where commands on {@code keys} go: in a cluster, the node serving each key's slot, since
     * any other node may answer while the primary of an account's slot is down and not yet replaced.
     */
    boolean reachable(Collection<String> keys) {
        try {
            RedisClusterCommands<String, byte[]> redis = connected();
            return "PONG".equals(redis.ping()) && keys.stream().allMatch(key -> "PONG".equals(serving(redis, key).ping()));
        } catch (RedisException e) {
            return false;
        }
    }

    private synchronized RedisClusterCommands<String, byte[]> connected() {
        reopenIfDisconnected();
        if (subscription == null) {
            StatefulRedisPubSubConnection<String, String> opened = client instanceof RedisClusterClient cluster
                    ? cluster.connectPubSub() : ((RedisClient) client).connectPubSub();
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
            if (client instanceof RedisClusterClient cluster) {
                StatefulRedisClusterConnection<String, byte[]> opened = cluster.connect(CODEC);
                commands = opened;
                sync = opened.sync();
            } else {
                StatefulRedisConnection<String, byte[]> opened = ((RedisClient) client).connect(CODEC);
                commands = opened;
                sync = opened.sync();
            }
        }
        return sync;
    }

    /**
     * A connection that lost its server is opened anew by the next command instead of at Lettuce's next
     * reconnection attempt, which may come up to {@link #RECONNECT}'s two seconds after the server is back.
     * Opening asks the sentinels for the primary again, so after a failover an instance is on the promoted
     * replica at its first command once the sentinels name it (an instance working alone sends one at its first
     * token request after {@code authroutes.store.retryAfter}). A cluster connection follows its nodes by itself.
     */
    private void reopenIfDisconnected() {
        if (client instanceof RedisClusterClient) {
            return;
        }
        if (subscription != null && !subscription.isOpen()) {
            subscription.close();
            subscription = null;
        }
        if (commands != null && !commands.isOpen()) {
            commands.close();
            commands = null;
        }
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

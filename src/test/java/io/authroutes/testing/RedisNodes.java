package io.authroutes.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assertions;

/**
 * Real redis-server processes on free loopback ports, wired as production runs them: a primary with a replica
 * watched by three sentinels, or a Redis Cluster of three primaries with a replica each. Each node can be killed
 * (SIGKILL: no goodbye to its replicas or clients). Sentinel and cluster timeouts are small so a failover takes
 * about two seconds rather than half a minute.
 */
public final class RedisNodes implements AutoCloseable {

    public static final String PRIMARY_NAME = "authroutes";

    private final Path dir;
    private final Map<Integer, Process> nodes = new LinkedHashMap<>();
    private final List<Integer> sentinels = new ArrayList<>();
    private final List<Integer> replicas = new ArrayList<>();

    private RedisNodes() {
        try {
            dir = Files.createTempDirectory("redis-nodes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A primary, its replica and three sentinels (quorum 2, a primary is down after 500 ms without answer). */
    public static RedisNodes sentinel() throws IOException {
        return sentinel(1);
    }

    /** As {@link #sentinel()} with {@code replicas} replicas: one is left to hold writes after a failover. */
    public static RedisNodes sentinel(int replicas) throws IOException {
        RedisNodes set = new RedisNodes();
        int primary = set.server(List.of());
        for (int i = 0; i < replicas; i++) {
            set.replicas.add(set.server(List.of("--replicaof", "127.0.0.1", String.valueOf(primary))));
        }
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            Path conf = set.dir.resolve("sentinel-" + port + ".conf");
            Files.writeString(conf, String.join("\n", "port " + port, "bind 127.0.0.1", "dir " + set.dir,
                    "sentinel monitor " + PRIMARY_NAME + " 127.0.0.1 " + primary + " 2",
                    "sentinel down-after-milliseconds " + PRIMARY_NAME + " 500",
                    "sentinel failover-timeout " + PRIMARY_NAME + " 3000", ""));
            set.start(port, List.of("redis-server", conf.toString(), "--sentinel"));
            set.sentinels.add(port);
        }
        set.await(Duration.ofSeconds(30), () -> set.sentinels().stream().allMatch(port -> set.sentinelSees(port, replicas)));
        set.await(Duration.ofSeconds(30), set::replicasInSync);
        return set;
    }

    /** Three primaries and three replicas, slots spread by redis-cli --cluster create; node timeout 1 s. */
    public static RedisNodes cluster() throws IOException, InterruptedException {
        RedisNodes set = new RedisNodes();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int port = freePort();
            set.start(port, List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", set.dir.toString(), "--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes-" + port + ".conf", "--cluster-node-timeout", "1000"));
            addresses.add("127.0.0.1:" + port);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        create.addAll(addresses);
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        Process cli = new ProcessBuilder(create).redirectErrorStream(true).redirectOutput(set.dir.resolve("create.log").toFile()).start();
        Assertions.assertTrue(cli.waitFor(60, TimeUnit.SECONDS) && cli.exitValue() == 0, "redis-cli --cluster create");
        set.await(Duration.ofSeconds(30), () -> set.nodes.keySet().stream().allMatch(port -> set.clusterOk(port)));
        set.await(Duration.ofSeconds(30), set::replicasInSync);
        return set;
    }

    /** {@code redis-sentinel://...?sentinelMasterId=authroutes} naming the three sentinels. */
    public String sentinelUri() {
        return "redis-sentinel://" + String.join(",", sentinels().stream().map(port -> "127.0.0.1:" + port).toList())
                + "/?sentinelMasterId=" + PRIMARY_NAME;
    }

    /** {@code redis://host:port,host:port,...} naming every node as a seed. */
    public String clusterUri() {
        return "redis://" + String.join(",", nodes.keySet().stream().filter(port -> !sentinels.contains(port))
                .map(port -> "127.0.0.1:" + port).toList());
    }

    /** The port of the primary the first sentinel names now. */
    public int sentinelPrimary() {
        return primaryNamedBy(sentinels().get(0));
    }

    /**
     * Whether every sentinel names {@code port} as the primary: a client may ask any of them, and the others learn
     * of a failover from the one that ran it a moment later.
     */
    public boolean sentinelsAllName(int port) {
        return sentinels().stream().allMatch(sentinel -> primaryNamedBy(sentinel) == port);
    }

    private static int primaryNamedBy(int sentinel) {
        String[] address = cli(sentinel, "SENTINEL", "get-master-addr-by-name", PRIMARY_NAME).split("\n");
        return address.length < 2 ? -1 : Integer.parseInt(address[1].trim());
    }

    /** {@code redis-cli -p <port> <args>}: its output, or empty when the node does not answer. */
    public static String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port)));
        command.addAll(List.of(args));
        try {
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return cli.waitFor(10, TimeUnit.SECONDS) && cli.exitValue() == 0 ? output : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    public List<Integer> ports() {
        return List.copyOf(nodes.keySet());
    }

    /** The replica of a Sentinel set, as started (before any failover). */
    public int sentinelReplica() {
        return sentinelReplicas().get(0);
    }

    /** The replicas of a Sentinel set, as started (before any failover). */
    public List<Integer> sentinelReplicas() {
        return List.copyOf(replicas);
    }

    /** Whether {@code primary} streams to a replica that finished its sync: a write there can be acknowledged. */
    public static boolean streamsToAReplica(int primary) {
        return cli(primary, "INFO", "replication").matches("(?s).*slave\\d+:[^\\n]*state=online.*");
    }

    /** SIGSTOP ({@code frozen}) or SIGCONT: a node that keeps its connections open and answers nothing. */
    public void freeze(int port, boolean frozen) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", String.valueOf(nodes.get(port).pid())).start();
        Assertions.assertEquals(0, kill.waitFor(), "kill " + (frozen ? "-STOP" : "-CONT"));
    }

    /** SIGKILL, as a machine that loses power. */
    public void kill(int port) throws InterruptedException {
        Process node = nodes.remove(port);
        node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public void await(Duration atMost, BooleanSupplier condition) {
        Awaitility.await("redis nodes ready").atMost(atMost).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }

    /** Every live node says the cluster serves all its slots. */
    public boolean clusterOk() {
        return nodes.keySet().stream().allMatch(this::clusterOk);
    }

    private boolean clusterOk(int port) {
        return cli(port, "CLUSTER", "INFO").contains("cluster_state:ok");
    }

    private List<Integer> sentinels() {
        return List.copyOf(sentinels);
    }

    /**
     * Every replica has finished its first sync and its primary streams to it ({@code state=online}): only
     * then does a replica count for WAIT, and hold what a failover must keep. The first sync starts only
     * after {@code repl-diskless-sync-delay} (5 s by default), later than Sentinel or the cluster say "ready".
     */
    private boolean replicasInSync() {
        return nodes.keySet().stream().filter(port -> !sentinels.contains(port)).allMatch(port -> {
            String replication = cli(port, "INFO", "replication");
            return replication.contains("role:slave") ? replication.contains("master_link_status:up")
                    : replication.contains("role:master") && !replication.matches("(?s).*slave\\d+:[^\\n]*state=(?!online).*");
        });
    }

    /** A sentinel that knows the replica and the two other sentinels can take part in a failover. */
    private boolean sentinelSees(int port, int replicas) {
        String primary = cli(port, "SENTINEL", "MASTER", PRIMARY_NAME);
        return primary.matches("(?s).*num-slaves\\s+" + replicas + "\\s.*") && primary.matches("(?s).*num-other-sentinels\\s+2\\s.*");
    }

    private int server(List<String> extra) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(extra);
        start(port, command);
        return port;
    }

    private void start(int port, List<String> command) {
        try {
            nodes.put(port, new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await(Duration.ofSeconds(20), () -> listening(port));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        nodes.values().forEach(node -> {
            node.destroyForcibly();
            try {
                node.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        nodes.clear();
    }
}

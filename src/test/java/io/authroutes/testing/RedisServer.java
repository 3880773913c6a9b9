package io.authroutes.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server (Debian package, installed by .ci/install-redis) on a free loopback port for one
 * test class, without persistence; stoppable and restartable on the same port to drive outages. Tests
 * are skipped without redis-server, except under CI=true, where its absence fails the build.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {

    private final String password;
    private int port;
    private Process process;

    private RedisServer(String password) {
        this.password = password;
    }

    public static RedisServer open() {
        return new RedisServer(null);
    }

    public static RedisServer withPassword(String password) {
        return new RedisServer(password);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        requireRedisServer();
        port = freePort();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** {@code redis://127.0.0.1:<port>}, without the password. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public void start() {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CountDownLatch ready = new CountDownLatch(1);
        Thread output = new Thread(() -> drain(process, ready), "redis-server-" + port);
        output.setDaemon(true);
        output.start();
        try {
            Assertions.assertTrue(ready.await(20, TimeUnit.SECONDS), "redis-server on port " + port + " became ready");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server (SIGTERM) and waits until it is gone, so its port can be taken again. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Sends a signal to the server: STOP freezes it (a Redis that accepts nothing and answers nothing), CONT resumes it. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        Assertions.assertEquals(0, kill.waitFor(), "kill -" + name + " redis-server");
    }

    private static void drain(Process process, CountDownLatch ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.contains("Ready to accept connections")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the server stopped
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireRedisServer() {
        boolean installed = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "redis-server")));
        if (installed) {
            return;
        }
        String missing = "redis-server is not installed: run .ci/install-redis";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(missing);
        }
        Assumptions.abort(missing);
    }
}

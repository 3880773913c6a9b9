package io.authroutes.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Simulated ZONT, yaVapteke, Mobile SMARTS and Salebasis APIs on one loopback port, so the shipped
 * configuration works with no accounts, and tests have real servers that behave like the real APIs.
 */
public final class Sandbox implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final ZontSimulator zont;
    private final YaVaptekeSimulator yavapteke;
    private final MobileSmartsSimulator mobilesmarts;
    private final SalebasisSimulator salebasis;

    private Sandbox(HttpServer server, ExecutorService threads, Clock clock, SandboxSettings settings) {
        this.server = server;
        this.threads = threads;
        this.zont = new ZontSimulator(clock, settings);
        this.yavapteke = new YaVaptekeSimulator(clock, settings);
        this.mobilesmarts = new MobileSmartsSimulator(clock, settings);
        this.salebasis = new SalebasisSimulator(clock, settings);
        for (SimulatedProvider provider : List.of(zont, yavapteke, mobilesmarts, salebasis)) {
            server.createContext(provider.mount(), provider);
        }
    }

    public static Sandbox start(SandboxSettings settings, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 0);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        server.setExecutor(threads);
        Sandbox sandbox = new Sandbox(server, threads, clock, settings);
        server.start();
        return sandbox;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public ZontSimulator zont() {
        return zont;
    }

    public YaVaptekeSimulator yavapteke() {
        return yavapteke;
    }

    public MobileSmartsSimulator mobilesmarts() {
        return mobilesmarts;
    }

    public SalebasisSimulator salebasis() {
        return salebasis;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

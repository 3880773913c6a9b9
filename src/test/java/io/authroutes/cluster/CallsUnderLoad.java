package io.authroutes.cluster;

import static org.awaitility.Awaitility.await;

import io.authroutes.testing.AppInstance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;

/** Calls to one provider without pause, round-robin over instances, on a few threads; counts what failed. */
final class CallsUnderLoad implements AutoCloseable {

    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicBoolean calling = new AtomicBoolean(true);
    private final ExecutorService threads;
    private final CompletableFuture<?>[] loops;

    CallsUnderLoad(List<AppInstance> instances, String providerId, int threadCount) {
        threads = Executors.newFixedThreadPool(threadCount);
        loops = new CompletableFuture<?>[threadCount];
        for (int t = 0; t < threadCount; t++) {
            int first = t;
            loops[t] = CompletableFuture.runAsync(() -> {
                for (int i = first; calling.get(); i++) {
                    Exchange call = instances.get(i % instances.size()).call(providerId, "items");
                    boolean ok = call.getException() == null
                            && call.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class) == 200;
                    (ok ? succeeded : failed).incrementAndGet();
                }
            }, threads);
        }
    }

    void awaitMoreCalls(int more) {
        int target = succeeded.get() + more;
        await().atMost(Duration.ofSeconds(60)).until(() -> succeeded.get() >= target);
    }

    int failed() {
        return failed.get();
    }

    static HealthCheck.State storeHealth(AppInstance instance) {
        return HealthCheckRegistry.get(instance.context()).getCheck("authroutes-store").orElseThrow().call().getState();
    }

    /** Stops calling and waits for the calls under way. */
    @Override
    public void close() throws Exception {
        calling.set(false);
        CompletableFuture.allOf(loops).get();
        threads.shutdownNow();
    }
}

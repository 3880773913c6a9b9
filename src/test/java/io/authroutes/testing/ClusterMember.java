package io.authroutes.testing;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A second JVM of the cluster specifications: starts the app with the {@code -D} properties it was given,
 * makes one call to {@code direct:<provider id in args[0]>} and stays up until it is killed.
 */
public final class ClusterMember {

    private ClusterMember() {
    }

    public static void main(String[] args) throws Exception {
        AppInstance instance = AppInstance.start(Map.of(), Clock.systemUTC());
        System.out.println("member started");
        instance.call(args[0], "items");
        new CountDownLatch(1).await();
    }
}

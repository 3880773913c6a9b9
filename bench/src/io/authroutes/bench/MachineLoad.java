package io.authroutes.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How busy the machine was during a round, so a noisy figure can be recognised: the 1-minute load
 * average at its end, the share of all cores busy (/proc/stat), the cores this JVM used, and how busy
 * the fake providers' JVM kept its own cores (near all of them, it would be what limits the calls).
 */
final class MachineLoad {

    private final FakeProviderJvm fakes;
    private final long wallNanos = System.nanoTime();
    private final long processCpuNanos = processCpu();
    private final long fakeCpuNanos;
    private final long[] cpu = procStat();

    MachineLoad() {
        this(null);
    }

    MachineLoad(FakeProviderJvm fakes) {
        this.fakes = fakes;
        this.fakeCpuNanos = fakes == null ? 0 : fakes.cpuNanos();
    }

    /** One line for the round that began when this snapshot was taken. */
    String sinceThen() {
        double wall = System.nanoTime() - wallNanos;
        long[] now = procStat();
        String busy = "?";
        if (cpu.length > 0 && now.length > 0) {
            long total = Arrays.stream(now).sum() - Arrays.stream(cpu).sum();
            long idle = (now[3] + now[4]) - (cpu[3] + cpu[4]);
            busy = total == 0 ? "?" : Math.round(100.0 * (total - idle) / total) + "%";
        }
        String fake = fakes == null ? "" : String.format(", fake provider's JVM %.0f%% of its %d core(s)",
                100 * (fakes.cpuNanos() - fakeCpuNanos) / wall / fakes.cores(), fakes.cores());
        return String.format("load %s, cpus busy %s, bench JVM %.1f cores%s", loadAverage(), busy,
                (processCpu() - processCpuNanos) / wall, fake);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static long[] procStat() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            return Arrays.stream(line.trim().split("\\s+")).skip(1).limit(8).mapToLong(Long::parseLong).toArray();
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}

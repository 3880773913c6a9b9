package io.authroutes.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM the fake providers run in ({@link FakeProviderProcess}), seen from the callers' JVM: started once
 * per benchmark, on the CPUs {@code bench/run} set aside for it ({@code -Dbench.fake.cpus}, through
 * {@code taskset}) when it could, so what the callers' side pays per call is measured apart from what
 * the upstream pays to answer, as in production where the upstream runs on another machine.
 */
final class FakeProviderJvm implements AutoCloseable {

    private final Process process;
    private final PrintStream commands;
    private final BufferedReader answers;
    private final int cores;

    FakeProviderJvm() throws IOException {
        String cpus = System.getProperty("bench.fake.cpus", "");
        List<String> command = new ArrayList<>();
        if (!cpus.isEmpty()) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("bench.fake.classpath"), FakeProviderProcess.class.getName()));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        if (!"ready".equals(answers.readLine())) {
            throw new IllegalStateException("the fake provider's JVM did not start: " + String.join(" ", command));
        }
        cores = cpus.isEmpty() ? Runtime.getRuntime().availableProcessors() : cpuCount(cpus);
    }

    /** How many CPUs a taskset list such as {@code 0}, {@code 0-1} or {@code 0,2-3} names. */
    private static int cpuCount(String cpus) {
        int count = 0;
        for (String range : cpus.split(",")) {
            String[] ends = range.split("-");
            count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
        }
        return count;
    }

    /** A new fake provider, on new ports, with its own counts. */
    RemoteFake open(Duration tokenLatency, Duration tokenLifetime, boolean tokenOnApiHost) {
        String[] opened = ask("open " + tokenLatency.toMillis() + " " + tokenLifetime.toMillis() + " " + tokenOnApiHost).split(" ");
        return new RemoteFake(this, opened[0], Integer.parseInt(opened[1]), Integer.parseInt(opened[2]));
    }

    /** The CPU time the fake providers' JVM has used so far. */
    long cpuNanos() {
        return Long.parseLong(ask("cpu"));
    }

    /** The CPUs the fake providers' JVM may run on. */
    int cores() {
        return cores;
    }

    synchronized String ask(String command) {
        commands.println(command);
        try {
            String answer = answers.readLine();
            if (answer == null) {
                throw new IllegalStateException("the fake provider's JVM ended (exit " + process.waitFor() + ")");
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException("the fake provider's JVM does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the fake provider's JVM", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        commands.close();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

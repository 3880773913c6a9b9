package io.authroutes.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One app started as its user starts it: a new JVM, timed from spawn to Camel's "started" line. */
record Launch(String name, Path workingDirectory, List<String> javaArguments) {

    private static final Pattern STARTED = Pattern.compile("started in (?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long GIVE_UP_SECONDS = 120;

    /** Spawn to "started", and Camel's own "started in", in milliseconds. */
    record Timing(double spawnToStarted, double camelStartedIn) {
    }

    Launch with(String suffix, List<String> moreArguments) {
        List<String> all = new ArrayList<>(moreArguments);
        all.addAll(javaArguments);
        return new Launch(name + suffix, workingDirectory, all);
    }

    Timing time() throws IOException, InterruptedException {
        List<String> command = command();
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && System.nanoTime() - spawned < TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS)) {
                Matcher started = STARTED.matcher(line);
                if (line.contains("Apache Camel") && started.find()) {
                    double spawnToStarted = (System.nanoTime() - spawned) / 1e6;
                    stop(process);
                    return new Timing(spawnToStarted, millis(started));
                }
                output.add(line);
            }
        }
        stop(process);
        throw new IllegalStateException(name + " did not start; its last lines:\n  "
                + String.join("\n  ", output.subList(Math.max(0, output.size() - 15), output.size())));
    }

    /** Runs to the end (a training run that stops by itself), failing when the JVM fails. */
    void runToEnd() throws IOException, InterruptedException {
        List<String> command = command();
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(GIVE_UP_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            stop(process);
            throw new IllegalStateException(name + " did not complete: " + String.join(" ", command));
        }
    }

    /**
     * The java command; when bench/run pinned the benchmark's JVM to the callers' CPUs, the app is given
     * every CPU back ({@code -Dbench.all.cpus}), as its user would start it.
     */
    private List<String> command() {
        List<String> command = new ArrayList<>();
        String all = System.getProperty("bench.all.cpus", "");
        if (!all.isEmpty()) {
            command.addAll(List.of("taskset", "-c", all));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArguments);
        return command;
    }

    private static double millis(Matcher started) {
        double seconds = started.group(1) == null ? 0 : Double.parseDouble(started.group(1));
        double ms = started.group(2) == null ? 0 : Double.parseDouble(started.group(2));
        return seconds * 1000 + ms;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.authroutes.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * authroutes against camel-http in one JVM, the fake providers they call in another, and authroutes'
 * start-up against a bare Camel Main app.
 * Run it with {@code bash bench/run} ({@code --quick} for a smoke run); it prints the table of
 * BENCHMARKS.md, writes it to target/bench/results.md, and exits 1 when a count-based goal breaks.
 */
public final class Benchmark {

    private Benchmark() {
    }

    /** {@code --soak-minutes N}, else 10 minutes, or 2 with {@code --quick}. */
    private static Duration soakLength(List<String> options, Settings settings) {
        int at = options.indexOf("--soak-minutes");
        if (at >= 0 && at + 1 < options.size()) {
            return Duration.ofMinutes(Long.parseLong(options.get(at + 1)));
        }
        return settings.quick() ? Duration.ofMinutes(2) : SoakScenario.DEFAULT_LENGTH;
    }

    /** The cores of the machine, and how bench/run shared them out. */
    private static String cores() {
        String fake = System.getProperty("bench.fake.cpus", "");
        return fake.isEmpty() ? Runtime.getRuntime().availableProcessors() + " cores shared by the callers and the fake provider"
                : "CPUs " + System.getProperty("bench.all.cpus") + ", the fake provider on " + fake + ", the callers on the rest";
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        Settings settings = Settings.of(options.contains("--quick"));
        Path root = Path.of("").toAbsolutePath();
        Report report = new Report();
        FakeProviderJvm fakes = new FakeProviderJvm();
        EngineScenarios engine = new EngineScenarios(settings, report, fakes);
        boolean only = options.stream().anyMatch(o -> o.endsWith("-only"));
        if (options.contains("--steady-only")) {
            engine.steadyState();
        }
        if (!only) {
            engine.steadyState();
            engine.coldBurst(64, false);
            engine.coldBurst(512, false);
            engine.coldBurst(64, true);
            engine.revocation();
            engine.shortTokens();
            new StoreScenario(settings, report, fakes).run();
        }
        if (!options.contains("--no-soak") && (!only || options.contains("--soak-only"))) {
            new SoakScenario(report, soakLength(options, settings), fakes).run();
        }
        if (!options.contains("--no-startup") && (!only || options.contains("--startup-only"))) {
            new StartupScenario(settings, report, root).run();
        }
        fakes.close();
        String header = "Measured " + LocalDate.now() + " by bash bench/run" + (args.length == 0 ? "" : " " + String.join(" ", args)) + " on "
                + cores() + ", " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version") + ".";
        String table = report.markdown(header);
        Path results = root.resolve("target/bench/results.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, table);
        System.out.println();
        System.out.println(table);
        System.out.println("(also in " + root.relativize(results) + ")");
        System.exit(report.allGoalsHold() ? 0 : 1);
    }
}

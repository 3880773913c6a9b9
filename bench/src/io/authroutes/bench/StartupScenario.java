package io.authroutes.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up of target/authroutes.jar against a bare Camel Main app with one YAML route
 * (bench/bare), each a new JVM timed from spawn to Camel's "started" line, in interleaved rounds.
 * authroutes runs with Hawtio, management and sandbox off, and again with them on; each app also
 * runs with an application class-data archive made by the training run BENCHMARKS.md documents.
 */
final class StartupScenario {

    static final double TARGET = 1.3;

    private final Settings settings;
    private final Report report;
    private final Path root;

    StartupScenario(Settings settings, Report report, Path root) {
        this.settings = settings;
        this.report = report;
        this.root = root;
    }

    void run() throws Exception {
        Path jar = root.resolve("target/authroutes.jar");
        Path bareJar = root.resolve("bench/bare/target/bare-camel-main.jar");
        Path archive = root.resolve("target/authroutes.jsa");
        Path bareArchive = root.resolve("bench/bare/target/bare-camel-main.jsa");
        Launch bare = new Launch("bare Camel Main", root.resolve("bench/bare/app"), List.of("-jar", bareJar.toString()));
        Launch off = new Launch("authroutes", root, List.of("-Dhawtio.enabled=false", "-Dcamel.management.enabled=false",
                "-Dsandbox.enabled=false", "-jar", jar.toString()));
        Launch on = new Launch("authroutes", root, List.of("-Dhawtio.port=" + Launch.freePort(),
                "-Dcamel.management.port=" + Launch.freePort(), "-Dsandbox.port=" + Launch.freePort(), "-jar", jar.toString()));
        System.out.println("start-up: training runs for the class-data archives");
        train(on, archive);
        train(bare, bareArchive);
        List<String> shared = List.of("-XX:SharedArchiveFile=" + archive);
        List<String> bareShared = List.of("-XX:SharedArchiveFile=" + bareArchive);

        Map<String, Launch> launches = new LinkedHashMap<>();
        launches.put("bare", bare);
        launches.put("bare+cds", bare.with(" with its archive", bareShared));
        launches.put("off", off);
        launches.put("off+cds", off.with(" with its archive", shared));
        launches.put("on", on);
        launches.put("on+cds", on.with(" with its archive", shared));
        Map<String, Figures> spawn = new LinkedHashMap<>();
        Map<String, Figures> camel = new LinkedHashMap<>();
        launches.keySet().forEach(k -> {
            spawn.put(k, new Figures());
            camel.put(k, new Figures());
        });
        String scenario = "start-up";
        // the pair the target is about runs back to back, first one then the other; the rest follow in turn
        List<String> others = new ArrayList<>(List.of("bare+cds", "off", "on", "on+cds"));
        for (int round = 1; round <= settings.startupPairs(); round++) {
            List<String> order = new ArrayList<>(round % 2 == 1 ? List.of("bare", "off+cds") : List.of("off+cds", "bare"));
            order.addAll(others);
            MachineLoad load = new MachineLoad();
            for (String key : order) {
                Launch.Timing timing = launches.get(key).time();
                spawn.get(key).add(timing.spawnToStarted());
                camel.get(key).add(timing.camelStartedIn());
            }
            report.load(scenario, round, String.join(", ", order), load);
            others.add(others.remove(0));
        }
        String bareCell = spawn.get("bare").format("%.0f ms") + " (Camel: " + camel.get("bare").format("%.0f ms") + ")";
        report.row("start-up, spawn to \"started\", Hawtio, management, sandbox off; last column: bare Camel Main",
                cell(spawn, camel, "off", "bare"), "—", bareCell);
        report.row("start-up as above, authroutes with its class-data archive",
                cell(spawn, camel, "off+cds", "bare"), "—", bareCell);
        report.row("start-up as above, both with a class-data archive",
                cell(spawn, camel, "off+cds", "bare+cds"), "—",
                spawn.get("bare+cds").format("%.0f ms") + " (Camel: " + camel.get("bare+cds").format("%.0f ms") + ")");
        report.row("start-up, Hawtio, management, sandbox on (no archive / archive)",
                cell(spawn, camel, "on", "bare") + " / " + cell(spawn, camel, "on+cds", "bare"), "—", bareCell);
        Figures withArchive = Figures.ratio(spawn.get("off+cds"), spawn.get("bare"));
        report.target("start-up within " + TARGET + "x of bare Camel Main (Hawtio, management, sandbox off; "
                        + "authroutes with its archive, median of " + settings.startupPairs() + " interleaved pairs)",
                withArchive.median() <= TARGET, withArchive.format("%.2fx"));
    }

    private static String cell(Map<String, Figures> spawn, Map<String, Figures> camel, String key, String baseline) {
        return spawn.get(key).format("%.0f ms") + " = " + Figures.ratio(spawn.get(key), spawn.get(baseline)).format("%.2fx")
                + " (Camel: " + camel.get(key).format("%.0f ms") + ")";
    }

    /** The documented training run: start, run two seconds, stop, and leave the archive behind. */
    private static void train(Launch launch, Path archive) throws Exception {
        Files.deleteIfExists(archive);
        launch.with(" training run", List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dcamel.main.durationMaxSeconds=2"))
                .runToEnd();
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the training run of " + launch.name() + " left no archive at " + archive);
        }
    }
}

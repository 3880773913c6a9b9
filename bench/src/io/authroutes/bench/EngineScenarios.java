package io.authroutes.bench;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The scenarios run in this JVM: each against a fresh fake provider and a fresh, cold Camel context. */
final class EngineScenarios {

    private static final List<Way> WAYS = List.of(Way.AUTHROUTES, Way.CAMEL_OAUTH2, Way.STATIC);
    private static final List<Way> TOKEN_WAYS = List.of(Way.AUTHROUTES, Way.CAMEL_OAUTH2);

    private final Settings settings;
    private final Report report;
    private final FakeProviderJvm fakes;
    private int rounds;

    EngineScenarios(Settings settings, Report report, FakeProviderJvm fakes) {
        this.settings = settings;
        this.report = report;
        this.fakes = fakes;
    }

    /** Ways in a different order each round, so none always runs first (JIT, caches, a neighbour's build). */
    private static List<Way> interleaved(List<Way> ways, int round) {
        int shift = round % ways.size();
        List<Way> order = new java.util.ArrayList<>(ways.subList(shift, ways.size()));
        order.addAll(ways.subList(0, shift));
        return order;
    }

    private String round() {
        return "r" + (++rounds) + "-" + Long.toHexString(System.nanoTime());
    }

    /** One way against the static header at the same time: the figures of each side, round by round. */
    private static final class Pair {
        final Way way;
        final Figures ratio = new Figures();
        final Map<Boolean, Figures> p50 = sides();
        final Map<Boolean, Figures> p99 = sides();
        final Map<Boolean, Figures> kilobytes = sides();
        final Map<Boolean, Figures> cpu = sides();
        final Figures addedP99 = new Figures();
        final Figures fakeMicros = new Figures();
        final Figures fakeBusy = new Figures();

        Pair(Way way) {
            this.way = way;
        }

        private static Map<Boolean, Figures> sides() {
            return Map.of(true, new Figures(), false, new Figures());
        }

        /** Both at once: the static header's side, this way's, and what the fake spent answering them. */
        void add(SideBySide.Halves halves, int fakeCores) {
            add(halves.sides());
            fakeMicros.add(halves.fakeCpuNanos() / 1e3 / Math.max(1, halves.calls()));
            fakeBusy.add(100.0 * halves.fakeCpuNanos() / halves.sides()[0].window().toNanos() / fakeCores);
        }

        /** {@code sides[0]} the static header, {@code sides[1]} this way. */
        void add(SideBySide.Side[] sides) {
            ratio.add(sides[1].throughput() / sides[0].throughput());
            for (int i = 0; i < 2; i++) {
                boolean mine = i == 1;
                p50.get(mine).add(sides[i].percentileMillis(50));
                p99.get(mine).add(sides[i].percentileMillis(99));
                kilobytes.get(mine).add(sides[i].kilobytesPerCall());
                cpu.get(mine).add(sides[i].cpuMicrosPerCall());
            }
        }

        String cell(Map<Boolean, Figures> figures, String pattern) {
            return figures.get(true).format(pattern) + " (static " + figures.get(false).format(pattern) + ")";
        }
    }

    /**
     * Steady state, the static header and each other way at the same time, half the callers each, in
     * rounds that change which pair runs first and whose threads start first; then one caller alternating
     * between the static header and authroutes, for the latency authroutes adds to a lone call.
     */
    void steadyState() throws Exception {
        int callers = Settings.STEADY_CALLERS;
        String scenario = "steady state, " + callers + " callers, half on the static header at the same time";
        String lone = "1 caller, alternating static header and authroutes call by call";
        System.out.println(scenario + " (" + settings.steadyRounds() + " rounds, " + settings.steadyWarmUp().toMillis()
                + " ms warm-up and " + settings.steadyRun().toSeconds() + " s measured per pair)");
        Map<Way, Pair> pairs = new EnumMap<>(Way.class);
        List.of(Way.AUTHROUTES, Way.CAMEL_OAUTH2, Way.STATIC_ENUM).forEach(way -> pairs.put(way, new Pair(way)));
        Pair alone = new Pair(Way.AUTHROUTES);
        for (int round = 1; round <= settings.steadyRounds(); round++) {
            try (RemoteFake fake = fakes.open(Duration.ZERO, Duration.ofHours(1), false);
                 BenchApp app = new BenchApp(fake, round(), callers)) {
                Way.Target baseline = app.target(Way.STATIC);
                for (Way way : interleaved(List.copyOf(pairs.keySet()), round)) {
                    MachineLoad load = new MachineLoad(fakes);
                    pairs.get(way).add(SideBySide.halves(app.template(), baseline, app.target(way), callers,
                            settings.steadyWarmUp(), settings.steadyRun(), round % 2 == 0, fakes), fakes.cores());
                    report.load(scenario, round, "static header and " + way.title, load);
                }
                MachineLoad load = new MachineLoad(fakes);
                SideBySide.Side[] sides = SideBySide.alternating(app.template(), baseline, app.target(Way.AUTHROUTES),
                        settings.steadyWarmUp(), settings.steadyRun());
                alone.add(sides);
                alone.addedP99.add(sides[1].percentileMillis(99) - sides[0].percentileMillis(99));
                report.load(lone, round, "", load);
            }
        }
        Pair a = pairs.get(Way.AUTHROUTES);
        Pair o = pairs.get(Way.CAMEL_OAUTH2);
        Pair e = pairs.get(Way.STATIC_ENUM);
        report.row(scenario + ": calls/s x static (above 1: more calls than the static header)",
                a.ratio.format("%.3fx"), o.ratio.format("%.3fx"), "1");
        report.row(scenario + ": p50 ms", a.cell(a.p50, "%.2f"), o.cell(o.p50, "%.2f"), "—");
        report.row(scenario + ": p99 ms", a.cell(a.p99, "%.2f"), o.cell(o.p99, "%.2f"), "—");
        report.row(scenario + ": bytes allocated per call by the caller's thread, KB",
                a.cell(a.kilobytes, "%.1f"), o.cell(o.kilobytes, "%.1f"), "—");
        report.row(scenario + ": caller's CPU per call, us", a.cell(a.cpu, "%.0f"), o.cell(o.cpu, "%.0f"), "—");
        report.row(scenario + ", the static header with CamelHttpMethod as camel-http's HttpMethods enum (x the String):"
                        + " calls/s, KB and CPU us per call", "—", "—",
                e.ratio.format("%.3fx") + "; " + e.cell(e.kilobytes, "%.1f") + " KB; " + e.cell(e.cpu, "%.0f") + " us");
        report.row(scenario + ": the fake provider's CPU per call it answered, us; its own cores busy",
                a.fakeMicros.format("%.0f") + " us; " + a.fakeBusy.format("%.0f%%"),
                o.fakeMicros.format("%.0f") + " us; " + o.fakeBusy.format("%.0f%%"),
                e.fakeMicros.format("%.0f") + " us; " + e.fakeBusy.format("%.0f%%") + " (with the enum)");
        report.row(lone + ": p50 ms", alone.cell(alone.p50, "%.3f"), "—", "—");
        report.row(lone + ": p99 ms", alone.cell(alone.p99, "%.3f") + "; added " + alone.addedP99.format("%.3f"), "—", "—");
        report.target("authroutes' calls/s at least 1.05x the static header's, at the same time", a.ratio.median() >= 1.05,
                a.ratio.format("%.3fx"));
        // near all of its cores busy, the fake would decide the calls a second and hide the callers' difference
        report.target("the fake provider is not what limits the calls: its own cores under 80 % busy",
                a.fakeBusy.max() < 80, a.fakeBusy.format("%.0f%%") + " busy, " + a.fakeMicros.format("%.0f")
                        + " us per call against the callers' " + a.cell(a.cpu, "%.0f") + " us");
        report.target("authroutes allocates at most 20 KB per call, less than the static header",
                a.kilobytes.get(true).median() <= 20 && a.kilobytes.get(true).median() < a.kilobytes.get(false).median(),
                a.cell(a.kilobytes, "%.1f") + " KB");
        report.target("authroutes uses less caller CPU per call than the static header",
                a.cpu.get(true).median() < a.cpu.get(false).median(), a.cell(a.cpu, "%.0f") + " us");
        report.target("authroutes adds at most 0.1 ms to the p99 of a lone caller", alone.addedP99.median() <= 0.1,
                alone.addedP99.format("%.3f") + " ms");
    }

    void coldBurst(int callers, boolean tokenOnApiHost) throws Exception {
        String scenario = (tokenOnApiHost ? "token endpoint on the API's host:port, cold burst of " : "cold burst of ")
                + callers + " callers, token endpoint " + Settings.TOKEN_LATENCY.toMillis() + " ms";
        System.out.println(scenario);
        Map<Way, Figures> tokenRequests = figures(TOKEN_WAYS);
        Map<Way, Figures> failed = figures(WAYS);
        for (int round = 1; round <= settings.countRounds(); round++) {
            for (Way way : interleaved(WAYS, round)) {
                try (RemoteFake fake = fakes.open(Settings.TOKEN_LATENCY, Duration.ofHours(1), tokenOnApiHost);
                     BenchApp app = new BenchApp(fake, round(), callers)) {
                    Way.Target target = app.target(way);
                    MachineLoad load = new MachineLoad(fakes);
                    Callers.Outcome outcome = Callers.burst(app.template(), target, callers);
                    report.load(scenario, round, way.title, load);
                    failed.get(way).add(outcome.failed());
                    if (tokenRequests.containsKey(way)) {
                        tokenRequests.get(way).add(fake.tokenRequests(target.clientId()));
                    }
                }
            }
        }
        if (!tokenOnApiHost) {
            report.row(scenario + ": token requests", perWay(tokenRequests, "%.0f", TOKEN_WAYS));
            report.goal("cold burst of " + callers + ": authroutes makes 1 token request",
                    tokenRequests.get(Way.AUTHROUTES).max() <= 1, "at most " + (int) tokenRequests.get(Way.AUTHROUTES).max());
        }
        report.row(scenario + ": failed calls", perWay(failed, "%.0f", WAYS));
        report.goal((tokenOnApiHost ? "token endpoint on the API's host:port, " : "cold burst of ") + callers
                + ": no authroutes call fails", failed.get(Way.AUTHROUTES).max() == 0,
                "at most " + (int) failed.get(Way.AUTHROUTES).max() + " failed");
    }

    void shortTokens() throws Exception {
        Duration run = settings.shortTokensRun();
        String scenario = Settings.SHORT_LIFETIME.toSeconds() + " s tokens, " + Settings.SHORT_TOKEN_CALLERS
                + " callers, " + run.toSeconds() + " s";
        System.out.println(scenario + " (both ways at once, against one fake)");
        try (RemoteFake fake = fakes.open(Duration.ofMillis(20), Settings.SHORT_LIFETIME, false);
             BenchApp app = new BenchApp(fake, round(), Settings.SHORT_TOKEN_CALLERS * 2)) {
            MachineLoad load = new MachineLoad(fakes);
            Map<Way, CompletableFuture<Callers.Outcome>> runs = new EnumMap<>(Way.class);
            for (Way way : TOKEN_WAYS) {
                runs.put(way, CompletableFuture.supplyAsync(() -> steady(app, way, Settings.SHORT_TOKEN_CALLERS, run)));
            }
            Map<Way, Callers.Outcome> outcomes = new EnumMap<>(Way.class);
            for (Way way : TOKEN_WAYS) {
                outcomes.put(way, runs.get(way).join());
            }
            report.load(scenario, 1, "", load);
            Way.Target authroutes = app.target(Way.AUTHROUTES);
            Way.Target camel = app.target(Way.CAMEL_OAUTH2);
            report.row(scenario + ": token requests", String.valueOf(fake.tokenRequests(authroutes.clientId())),
                    String.valueOf(fake.tokenRequests(camel.clientId())), "—");
            report.row(scenario + ": calls that saw a 401", String.valueOf(fake.unauthorized(authroutes.clientId())),
                    String.valueOf(fake.unauthorized(camel.clientId())), "—");
            report.row(scenario + ": failed calls / calls", outcomes.get(Way.AUTHROUTES).failed() + " / " + total(outcomes.get(Way.AUTHROUTES)),
                    outcomes.get(Way.CAMEL_OAUTH2).failed() + " / " + total(outcomes.get(Way.CAMEL_OAUTH2)), "—");
            int limit = settings.shortTokenRequestLimit();
            report.goal("5 s tokens: at most " + limit + " token requests in " + run.toSeconds() + " s, no call sees a 401",
                    fake.tokenRequests(authroutes.clientId()) <= limit && fake.unauthorized(authroutes.clientId()) == 0,
                    fake.tokenRequests(authroutes.clientId()) + " token requests, " + fake.unauthorized(authroutes.clientId()) + " saw a 401");
        }
    }

    void revocation() throws Exception {
        String scenario = "token revoked under " + Settings.STEADY_CALLERS + " callers";
        System.out.println(scenario + " (revoked halfway through " + settings.revocationRun().toSeconds() + " s)");
        Map<Way, Figures> reacquisitions = figures(TOKEN_WAYS);
        Map<Way, Figures> failed = figures(TOKEN_WAYS);
        for (int round = 1; round <= settings.countRounds(); round++) {
            for (Way way : interleaved(TOKEN_WAYS, round)) {
                try (RemoteFake fake = fakes.open(Duration.ofMillis(20), Duration.ofHours(1), false);
                     BenchApp app = new BenchApp(fake, round(), Settings.STEADY_CALLERS)) {
                    Way.Target target = app.target(way);
                    Way.call(app.template(), target);
                    int before = fake.tokenRequests(target.clientId());
                    MachineLoad load = new MachineLoad(fakes);
                    Callers.Outcome outcome = Callers.steady(app.template(), target, Settings.STEADY_CALLERS,
                            settings.revocationRun(), fake::revokeAll);
                    report.load(scenario, round, way.title, load);
                    reacquisitions.get(way).add(fake.tokenRequests(target.clientId()) - before);
                    failed.get(way).add(outcome.failed());
                }
            }
        }
        report.row(scenario + ": re-acquisitions", perWay(reacquisitions, "%.0f", TOKEN_WAYS));
        report.row(scenario + ": failed calls", perWay(failed, "%.0f", TOKEN_WAYS));
        report.goal("revocation: no authroutes call fails", failed.get(Way.AUTHROUTES).max() == 0,
                "at most " + (int) failed.get(Way.AUTHROUTES).max() + " failed");
    }

    private static Callers.Outcome steady(BenchApp app, Way way, int callers, Duration run) {
        try {
            return Callers.steady(app.template(), app.target(way), callers, run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long total(Callers.Outcome outcome) {
        return outcome.ok() + outcome.failed();
    }

    private static Map<Way, Figures> figures(List<Way> ways) {
        Map<Way, Figures> figures = new EnumMap<>(Way.class);
        ways.forEach(w -> figures.put(w, new Figures()));
        return figures;
    }

    private static String[] perWay(Map<Way, Figures> figures, String pattern, List<Way> ways) {
        return WAYS.stream().map(w -> ways.contains(w) ? figures.get(w).format(pattern) : "—").toArray(String[]::new);
    }
}

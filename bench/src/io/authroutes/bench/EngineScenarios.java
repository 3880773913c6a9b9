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
    private int rounds;

    EngineScenarios(Settings settings, Report report) {
        this.settings = settings;
        this.report = report;
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

    void steadyState() throws Exception {
        String scenario = "steady state, " + Settings.STEADY_CALLERS + " callers";
        System.out.println(scenario + " (" + settings.steadyRounds() + " interleaved rounds of " + settings.steadyRun().toSeconds() + " s)");
        Map<Way, Figures> throughput = figures(WAYS);
        Map<Way, Figures> p50 = figures(WAYS);
        Map<Way, Figures> p99 = figures(WAYS);
        for (int round = 1; round <= settings.steadyRounds(); round++) {
            try (FakeProvider fake = new FakeProvider(Duration.ZERO, Duration.ofHours(1), false);
                 BenchApp app = new BenchApp(fake, round(), Settings.STEADY_CALLERS)) {
                for (Way way : interleaved(WAYS, round)) {
                    Way.Target target = app.target(way);
                    Callers.steady(app.template(), target, Settings.STEADY_CALLERS, settings.steadyWarmUp());
                    MachineLoad load = new MachineLoad();
                    Callers.Outcome outcome = Callers.steady(app.template(), target, Settings.STEADY_CALLERS, settings.steadyRun());
                    report.load(scenario, round, way.title, load);
                    throughput.get(way).add(outcome.throughput());
                    p50.get(way).add(outcome.percentileMillis(50));
                    p99.get(way).add(outcome.percentileMillis(99));
                }
            }
        }
        report.row(scenario + ": calls/s", perWay(throughput, "%.0f", WAYS));
        report.row(scenario + ": cost x static (static calls/s / its calls/s)",
                costRatio(throughput, Way.AUTHROUTES), costRatio(throughput, Way.CAMEL_OAUTH2), "1");
        report.row(scenario + ": p50 ms (x static)", latencyCells(p50));
        report.row(scenario + ": p99 ms (x static)", latencyCells(p99));
    }

    void coldBurst(int callers, boolean tokenOnApiHost) throws Exception {
        String scenario = (tokenOnApiHost ? "token endpoint on the API's host:port, cold burst of " : "cold burst of ")
                + callers + " callers, token endpoint " + Settings.TOKEN_LATENCY.toMillis() + " ms";
        System.out.println(scenario);
        Map<Way, Figures> tokenRequests = figures(TOKEN_WAYS);
        Map<Way, Figures> failed = figures(WAYS);
        for (int round = 1; round <= settings.countRounds(); round++) {
            for (Way way : interleaved(WAYS, round)) {
                try (FakeProvider fake = new FakeProvider(Settings.TOKEN_LATENCY, Duration.ofHours(1), tokenOnApiHost);
                     BenchApp app = new BenchApp(fake, round(), callers)) {
                    Way.Target target = app.target(way);
                    MachineLoad load = new MachineLoad();
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
        try (FakeProvider fake = new FakeProvider(Duration.ofMillis(20), Settings.SHORT_LIFETIME, false);
             BenchApp app = new BenchApp(fake, round(), Settings.SHORT_TOKEN_CALLERS * 2)) {
            MachineLoad load = new MachineLoad();
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
                try (FakeProvider fake = new FakeProvider(Duration.ofMillis(20), Duration.ofHours(1), false);
                     BenchApp app = new BenchApp(fake, round(), Settings.STEADY_CALLERS)) {
                    Way.Target target = app.target(way);
                    Way.call(app.template(), target);
                    int before = fake.tokenRequests(target.clientId());
                    MachineLoad load = new MachineLoad();
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

    private static String[] latencyCells(Map<Way, Figures> latency) {
        return WAYS.stream().map(w -> latency.get(w).format("%.2f") + (w == Way.STATIC ? ""
                : " = " + Figures.ratio(latency.get(w), latency.get(Way.STATIC)).format("%.2fx"))).toArray(String[]::new);
    }

    private static String costRatio(Map<Way, Figures> throughput, Way way) {
        return Figures.ratio(throughput.get(Way.STATIC), throughput.get(way)).format("%.2fx");
    }
}

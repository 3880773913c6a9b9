package io.authroutes.bench;

import java.util.ArrayList;
import java.util.List;

/** The table the benchmark prints (Markdown, as BENCHMARKS.md shows it), the load of every round, and broken goals. */
final class Report {

    private final List<String> rows = new ArrayList<>();
    private final List<String> loads = new ArrayList<>();
    private final List<String> broken = new ArrayList<>();
    private final List<String> met = new ArrayList<>();

    void row(String scenario, String authroutes, String camelOauth2, String staticHeader) {
        rows.add("| " + scenario + " | " + authroutes + " | " + camelOauth2 + " | " + staticHeader + " |");
        System.out.println("  " + scenario + ": authroutes " + authroutes + " | camel-http OAuth2 " + camelOauth2
                + " | static header " + staticHeader);
    }

    void row(String scenario, String[] perWay) {
        row(scenario, perWay[0], perWay[1], perWay[2]);
    }

    void load(String scenario, int round, String what, MachineLoad since) {
        String line = scenario + ", round " + round + (what.isEmpty() ? "" : " (" + what + ")") + ": " + since.sinceThen();
        loads.add(line);
        System.out.println("    " + line);
    }

    /** A count-based goal: a broken one makes the benchmark exit non-zero. */
    void goal(String goal, boolean holds, String measured) {
        (holds ? met : broken).add(goal + ": " + measured);
        System.out.println("  goal " + (holds ? "met" : "BROKEN") + ": " + goal + ": " + measured);
    }

    /** A goal on a ratio: reported, never failing the run (a busy machine moves ratios). */
    void target(String target, boolean holds, String measured) {
        met.add(target + ": " + measured + (holds ? " (met)" : " (MISSED)"));
        System.out.println("  target " + (holds ? "met" : "MISSED") + ": " + target + ": " + measured);
    }

    boolean allGoalsHold() {
        return broken.isEmpty();
    }

    String markdown(String header) {
        StringBuilder out = new StringBuilder(header).append("\n\n");
        out.append("| scenario | authroutes | camel-http OAuth2 | static header |\n|---|---|---|---|\n");
        rows.forEach(r -> out.append(r).append('\n'));
        out.append("\nGoals:\n\n");
        met.forEach(g -> out.append("- ").append(g).append('\n'));
        broken.forEach(g -> out.append("- BROKEN: ").append(g).append('\n'));
        out.append("\nMachine load per round:\n\n");
        loads.forEach(l -> out.append("- ").append(l).append('\n'));
        return out.toString();
    }
}

package io.authroutes.bench;

import java.time.Duration;

/** How long and how often each scenario runs: the full run, or {@code --quick} for a smoke run. */
record Settings(boolean quick, int steadyRounds, Duration steadyWarmUp, Duration steadyRun, int countRounds,
                Duration shortTokensRun, Duration revocationRun, int startupPairs) {

    static final int STEADY_CALLERS = 64;
    static final int SHORT_TOKEN_CALLERS = 16;
    static final Duration TOKEN_LATENCY = Duration.ofMillis(200);
    static final Duration SHORT_LIFETIME = Duration.ofSeconds(5);
    /** At most this many token requests per minute of 5 s tokens. */
    static final int SHORT_TOKEN_REQUESTS_PER_MINUTE = 15;

    static Settings of(boolean quick) {
        return quick
                ? new Settings(true, 2, Duration.ofMillis(500), Duration.ofSeconds(2), 1,
                        Duration.ofSeconds(15), Duration.ofSeconds(3), 1)
                : new Settings(false, 6, Duration.ofSeconds(3), Duration.ofSeconds(5), 3,
                        Duration.ofSeconds(60), Duration.ofSeconds(6), 5);
    }

    /** The token-request goal for this run's length of 5 s tokens. */
    int shortTokenRequestLimit() {
        return (int) Math.ceil(SHORT_TOKEN_REQUESTS_PER_MINUTE * shortTokensRun.toMillis() / 60_000.0);
    }
}

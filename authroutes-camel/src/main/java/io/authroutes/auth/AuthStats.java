package io.authroutes.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one provider, read by the MBean and the metrics. Thread-safe, never holds a secret.
 * Not for applications (public for the library's monitoring); may change.
 */
public final class AuthStats {

    private final Map<TokenOperation, Map<TokenRequestOutcome, LongAdder>> tokenRequests = new EnumMap<>(TokenOperation.class);
    private final LongAdder reauthentications = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final LongAdder callNanos = new LongAdder();
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    AuthStats() {
        for (TokenOperation operation : TokenOperation.values()) {
            Map<TokenRequestOutcome, LongAdder> byOutcome = new EnumMap<>(TokenRequestOutcome.class);
            for (TokenRequestOutcome outcome : TokenRequestOutcome.values()) {
                byOutcome.put(outcome, new LongAdder());
            }
            tokenRequests.put(operation, byOutcome);
        }
    }

    void tokenRequest(TokenOperation operation, TokenRequestOutcome outcome) {
        tokenRequests.get(operation).get(outcome).increment();
    }

    void failed(String redactedMessage, Instant at) {
        lastError = redactedMessage;
        lastErrorAt = at;
    }

    void reauthenticated() {
        reauthentications.increment();
    }

    void call(Duration took) {
        calls.increment();
        callNanos.add(took.toNanos());
    }

    public long tokenRequests(TokenOperation operation, TokenRequestOutcome outcome) {
        return tokenRequests.get(operation).get(outcome).sum();
    }

    public long successful(TokenOperation operation) {
        return tokenRequests(operation, TokenRequestOutcome.SUCCESS);
    }

    public long failures() {
        return tokenRequests.values().stream().flatMap(m -> m.entrySet().stream())
                .filter(e -> e.getKey() != TokenRequestOutcome.SUCCESS).mapToLong(e -> e.getValue().sum()).sum();
    }

    public long reauthentications() {
        return reauthentications.sum();
    }

    public long calls() {
        return calls.sum();
    }

    public Duration callTime() {
        return Duration.ofNanos(callNanos.sum());
    }

    /** The last failure, with secrets removed; empty text when there was none. */
    public String lastError() {
        return lastError == null ? "" : lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }
}

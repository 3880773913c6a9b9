package io.authroutes.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A token endpoint whose answers a test scripts, and which counts what it was asked. */
final class ScriptedTokenEndpoint implements TokenEndpoint {

    private final Clock clock;
    private final Set<TokenOperation> supported;
    private final Map<TokenOperation, AtomicInteger> requests = new EnumMap<>(TokenOperation.class);
    private final Map<TokenOperation, Deque<Supplier<Token>>> script = new EnumMap<>(TokenOperation.class);
    private final Map<TokenOperation, Supplier<RuntimeException>> outage = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile Duration lifetime = Duration.ofMinutes(10);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    final CountDownLatch entered = new CountDownLatch(1);

    ScriptedTokenEndpoint(Clock clock, TokenOperation... supported) {
        this.clock = clock;
        this.supported = EnumSet.of(TokenOperation.LOGIN, supported);
        for (TokenOperation operation : TokenOperation.values()) {
            requests.put(operation, new AtomicInteger());
            script.put(operation, new ArrayDeque<>());
        }
    }

    ScriptedTokenEndpoint lifetime(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    /** Requests wait until {@code release} is counted down; {@link #entered} tells one has arrived. */
    ScriptedTokenEndpoint holdUntil(CountDownLatch release) {
        this.gate = release;
        return this;
    }

    /** The next request of this kind fails with {@code failure} instead of issuing a token. */
    ScriptedTokenEndpoint thenFail(TokenOperation operation, RuntimeException failure) {
        script.get(operation).add(() -> {
            throw failure;
        });
        return this;
    }

    /** Every request of this kind fails with a new {@code failure} until {@link #recover} is called. */
    ScriptedTokenEndpoint failing(TokenOperation operation, Supplier<RuntimeException> failure) {
        outage.put(operation, failure);
        return this;
    }

    ScriptedTokenEndpoint recover(TokenOperation operation) {
        outage.remove(operation);
        return this;
    }

    ScriptedTokenEndpoint thenAnswer(TokenOperation operation, Token token) {
        script.get(operation).add(() -> token);
        return this;
    }

    int requests(TokenOperation operation) {
        return requests.get(operation).get();
    }

    @Override
    public boolean supports(TokenOperation operation) {
        return supported.contains(operation);
    }

    @Override
    public Token request(TokenOperation operation, Optional<Token> current) {
        requests.get(operation).incrementAndGet();
        entered.countDown();
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test never released the token endpoint");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Supplier<RuntimeException> down = outage.get(operation);
        if (down != null) {
            throw down.get();
        }
        Supplier<Token> scripted = script.get(operation).poll();
        if (scripted != null) {
            return scripted.get();
        }
        int n = issued.incrementAndGet();
        return new Token(operation.label() + "-" + n, clock.instant(), clock.instant().plus(lifetime),
                "refresh-" + n, Map.of());
    }
}

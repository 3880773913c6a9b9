package io.authroutes.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one provider does after each token request, as a table (README, "When things fail"):
 *
 * <pre>
 * operation          outcome                  next
 * any                success                  the operation's gate opens; a failing episode ends (one WARN)
 * login              success                  also the refresh and extend gates of the token it replaced
 * login              credentials refused      next login after 30 s, 1 min, 2 min ... 15 min; calls fail fast
 * refresh, extend    grant refused            nothing is held against the operation; the renewal logs in
 * any                unavailable, unusable    the operation backs off 200 ms, doubling to 30 s, with jitter,
 *                                             or as long as Retry-After asks; a renewal falls back to login
 * any                2xx answer unusable      spaced like refused credentials (a configuration error)
 * (call)             a token rejected before  second in a row, judged at the next login: logins are spaced
 *                    any call accepted it     like refused credentials
 * (call)             a token's first accepted the count of refused tokens starts again
 *                    call
 * </pre>
 *
 * Each operation has its own gate, so a backoff caused by one never blocks another. A gate admits at
 * most one attempt per step: the first attempt after {@code nextAttemptAt} is the one that decides
 * the next step. The policy holds state only; it never sleeps and never calls the endpoint.
 *
 * <p>Several instances on one token store share the login gate through a {@link SharedGate}: read just
 * before a real login, written when the login gate changes, so a refused password or a backoff holds back
 * every instance, not only the one that saw it (design note, "Growing past one machine").
 */
final class FailurePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(FailurePolicy.class);

    /**
     * The state of one operation, in the operators' words ({@link AuthState}): {@code VALID} while nothing
     * holds it back, else why it is held back ({@code BACKING_OFF}, {@code CREDENTIALS_REFUSED}, {@code TOKEN_REJECTED}).
     *
     * @param failures      failed attempts in this episode
     * @param nextAttemptAt no attempt before this
     * @param cause         the failure that started or continued the episode (its message is redacted)
     */
    public record Gate(AuthState episode, int failures, Instant nextAttemptAt, ProviderAuthException cause) {

        static final Gate OPEN = new Gate(AuthState.VALID, 0, Instant.MIN, null);

        public boolean admits(Instant now) {
            return episode == AuthState.VALID || !now.isBefore(nextAttemptAt);
        }

        public boolean failing() {
            return episode != AuthState.VALID;
        }
    }

    /**
     * The login gate as other instances recorded it. {@link #read} is empty when that cannot be known
     * now (the store is away): the instance then decides alone.
     */
    public interface SharedGate {

        SharedGate NONE = new SharedGate() {
            @Override
            public Optional<Gate> read() {
                return Optional.empty();
            }

            @Override
            public void record(Gate gate) {
            }
        };

        /** The recorded gate; an open gate when nothing is recorded. */
        Optional<Gate> read();

        void record(Gate gate);
    }

    private final String providerId;
    private final FailureSettings settings;
    private final Clock clock;
    private final MonotonicClock monotonic;
    /** The wall time and monotonic time when the policy was made: gates are timed from there on the monotonic clock. */
    private final Instant origin;
    private final long originNanos;
    private final RandomGenerator random;
    private final Map<TokenOperation, AtomicReference<Gate>> gates = new EnumMap<>(TokenOperation.class);
    /** How many refused tokens in a row mean that the upstream refuses every token of the account. */
    private static final int REFUSED_IN_A_ROW = 2;
    /**
     * Tokens the upstream rejected before any call with them was accepted, oldest first, since a token was
     * last accepted. Whether each was accepted is read again when the rule is judged: an acceptance of a
     * concurrent call may be reported after the rejection.
     */
    private final AtomicReference<List<Token>> refused = new AtomicReference<>(List.of());
    private volatile SharedGate shared = SharedGate.NONE;

    public FailurePolicy(String providerId, FailureSettings settings, Clock clock, MonotonicClock monotonic,
                         RandomGenerator random) {
        this.providerId = providerId;
        this.settings = settings;
        this.clock = clock;
        this.monotonic = monotonic;
        this.origin = clock.instant();
        this.originNanos = monotonic.nanos();
        this.random = random;
        for (TokenOperation operation : TokenOperation.values()) {
            gates.put(operation, new AtomicReference<>(Gate.OPEN));
        }
    }

    /**
     * Now, as gates are timed: the wall time when the policy was made plus the monotonic time since, so a
     * wall clock set back or forward moves no gate (it equals the wall time while nobody sets the clock).
     */
    Instant now() {
        return at(ticks());
    }

    /** The policy's monotonic time as a number: what a call notes on its way, at no cost. */
    long ticks() {
        return monotonic.nanos();
    }

    /** {@code ticks} as an instant on the policy's time line. */
    Instant at(long ticks) {
        return origin.plusNanos(ticks - originNanos);
    }

    public FailureSettings settings() {
        return settings;
    }

    public void share(SharedGate gate) {
        this.shared = gate;
    }

    public Gate gate(TokenOperation operation) {
        return gates.get(operation).get();
    }

    public boolean admits(TokenOperation operation) {
        return gate(operation).admits(now());
    }

    /**
     * Whether a real request of {@code operation} may go now. A login first takes over what other instances
     * recorded: their refusal or backoff holds it back too, and their success opens it.
     */
    public boolean admitsRequest(TokenOperation operation) {
        if (operation == TokenOperation.LOGIN) {
            judgeRefusedTokens();
            shared.read().ifPresent(recorded -> gates.get(operation).updateAndGet(local -> adopted(local, recorded)));
        }
        return admits(operation);
    }

    private static Gate adopted(Gate local, Gate recorded) {
        return local.episode() == AuthState.TOKEN_REJECTED ? local
                : recorded.episode() == AuthState.TOKEN_REJECTED ? Gate.OPEN : recorded;
    }

    public void succeeded(TokenOperation operation) {
        Gate before = gates.get(operation).getAndUpdate(g -> g.episode() == AuthState.TOKEN_REJECTED ? g : Gate.OPEN);
        if (before.failing() && before.episode() != AuthState.TOKEN_REJECTED) {
            recordShared(operation, Gate.OPEN);
            LOG.warn("{}: {} works again after {} failed attempt{}", providerId, operation.label(),
                    before.failures(), before.failures() == 1 ? "" : "s");
        }
        if (operation == TokenOperation.LOGIN) {
            // the renewals that backed off were of the token this login replaced: the new one starts afresh
            for (TokenOperation renewal : List.of(TokenOperation.REFRESH, TokenOperation.EXTEND)) {
                Gate backedOff = gates.get(renewal).getAndSet(Gate.OPEN);
                if (backedOff.failing()) {
                    LOG.warn("{}: a login replaced the token whose {} backed off; the new token is renewed as usual",
                            providerId, renewal.label());
                }
            }
        }
    }

    /** Records a failed request of {@code operation} and returns the gate that now applies to it. */
    public Gate failed(TokenOperation operation, ProviderAuthException failure) {
        Instant now = now();
        if (failure instanceof CredentialsRejectedException && operation != TokenOperation.LOGIN) {
            // grant refused: the token or refresh token is gone, which says nothing about the next login
            return gate(operation);
        }
        AuthState episode = failure instanceof CredentialsRejectedException ? AuthState.CREDENTIALS_REFUSED
                : failure instanceof TokenEndpointUnavailableException || failure instanceof UnusableTokenAnswerException
                ? AuthState.BACKING_OFF : null;
        if (episode == null) {
            return gate(operation);
        }
        return close(operation, episode, failure, now);
    }

    /**
     * The upstream rejected {@code token}, and it was still the cached one (each token is counted once).
     * A token a call was accepted with is no evidence against the upstream, however young: it was revoked.
     * One never accepted and rejected soon after it was obtained is counted, and judged at the next login.
     */
    public void tokenRejected(Token token) {
        if (token.accepted() || Duration.between(token.obtainedAt(), clock.instant()).compareTo(settings.freshTokenWindow()) >= 0) {
            return;
        }
        refused.updateAndGet(tokens -> {
            List<Token> more = new ArrayList<>(tokens);
            more.add(token);
            return List.copyOf(more.subList(Math.max(0, more.size() - REFUSED_IN_A_ROW), more.size()));
        });
    }

    /**
     * Judged just before a login, the latest moment before it costs a token request: by then every call
     * that carried the refused tokens alongside the rejected one has reported whether it was accepted.
     */
    private void judgeRefusedTokens() {
        List<Token> tokens = refused.get();
        // within an episode, until a call is accepted, one more refused token continues it
        int enough = gate(TokenOperation.LOGIN).episode() == AuthState.TOKEN_REJECTED ? 1 : REFUSED_IN_A_ROW;
        if (tokens.size() < enough || tokens.stream().anyMatch(Token::accepted) || !refused.compareAndSet(tokens, List.of())) {
            return;
        }
        close(TokenOperation.LOGIN, AuthState.TOKEN_REJECTED, new TokenRejectedException(providerId, 0,
                "the upstream rejects newly obtained tokens (" + tokens.size() + " in a row, none accepted by any call);"
                + " check the account's scope and rights and " + ProviderProperties.PREFIX + providerId + ".baseUrl"),
                now());
    }

    /** The first call accepted with a token: refused tokens are counted anew, and logins are no longer spaced. */
    public void tokenAccepted() {
        refused.set(List.of());
        Gate before = gates.get(TokenOperation.LOGIN).getAndUpdate(g -> g.episode() == AuthState.TOKEN_REJECTED ? Gate.OPEN : g);
        if (before.episode() == AuthState.TOKEN_REJECTED) {
            LOG.warn("{}: the upstream accepts tokens again", providerId);
        }
    }

    /** An operator asked to try now (renewNow): every gate opens. */
    public void reset() {
        refused.set(List.of());
        gates.values().forEach(g -> g.set(Gate.OPEN));
        recordShared(TokenOperation.LOGIN, Gate.OPEN);
    }

    /** The gate that matters most to an operator: refused credentials first, then rejected tokens, then backoff. */
    public Optional<Gate> worst() {
        return gates.values().stream().map(AtomicReference::get).filter(Gate::failing)
                .min(Comparator.comparing(g -> -g.episode().ordinal()));
    }

    /** What a caller is told while the policy holds {@code operation} back: the cause, and until when. */
    public ProviderAuthException heldBack(TokenOperation operation) {
        Gate gate = gate(operation);
        String until = " (no " + operation.label() + " attempt before " + gate.nextAttemptAt() + ")";
        ProviderAuthException cause = gate.cause();
        ProviderAuthException held = switch (gate.episode()) {
            case CREDENTIALS_REFUSED -> new CredentialsRejectedException(providerId,
                    ((CredentialsRejectedException) cause).status(), cause.reason() + until
                    + ", so that a wrong password cannot lock the account; fix the credentials, then renewNow() in Hawtio or restart");
            case TOKEN_REJECTED -> new TokenRejectedException(providerId, 0, cause.reason() + until);
            case BACKING_OFF -> cause instanceof UnusableTokenAnswerException
                    ? new UnusableTokenAnswerException(providerId, cause.reason() + until)
                    : new TokenEndpointUnavailableException(providerId, cause.reason() + until, null);
            default -> new TokenEndpointUnavailableException(providerId, operation.label() + " is not held back", null);
        };
        held.repeatsState();
        return held;
    }

    private Gate close(TokenOperation operation, AuthState episode, ProviderAuthException failure, Instant now) {
        Gate next = gates.get(operation).updateAndGet(g -> {
            int failures = g.episode() == episode ? g.failures() + 1 : 1;
            return new Gate(episode, failures, now.plus(pause(episode, failures, failure)), failure);
        });
        if (episode != AuthState.TOKEN_REJECTED) {
            recordShared(operation, next);
        }
        if (next.failures() == 1) {
            LOG.warn("{}: {}; {} {} not attempted before {}", providerId, failure.reason(), describe(episode),
                    operation.label(), next.nextAttemptAt());
        } else {
            failure.repeatsState();
            LOG.info("{}: {} failed again (attempt {} of this episode); next attempt not before {}", providerId,
                    operation.label(), next.failures(), next.nextAttemptAt());
        }
        return next;
    }

    private void recordShared(TokenOperation operation, Gate gate) {
        if (operation == TokenOperation.LOGIN) {
            shared.record(gate);
        }
    }

    private Duration pause(AuthState episode, int failures, ProviderAuthException failure) {
        if (episode != AuthState.BACKING_OFF || failure instanceof UnusableTokenAnswerException u && u.successfulAnswer()) {
            // a 2xx the step cannot read is a configuration error: asking every 200 ms only opens sessions
            return settings.refused().after(failures, random);
        }
        Duration step = settings.unavailable().after(failures, random);
        // Retry-After is honoured, up to the longest pause the policy would ever make on its own
        Duration asked = failure instanceof TokenEndpointUnavailableException u ? u.retryAfter().orElse(Duration.ZERO) : Duration.ZERO;
        Duration bounded = asked.compareTo(settings.refused().max()) > 0 ? settings.refused().max() : asked;
        return bounded.compareTo(step) > 0 ? bounded : step;
    }

    private static String describe(AuthState episode) {
        return switch (episode) {
            case BACKING_OFF -> "backing off:";
            case CREDENTIALS_REFUSED -> "so the account is not locked out,";
            case TOKEN_REJECTED -> "re-logins are spaced out:";
            default -> "";
        };
    }
}

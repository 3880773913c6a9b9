package io.authroutes.auth.camel;

import io.authroutes.auth.UnusableTokenAnswerException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a token from an answer expires, from the first of these the answer carries: {@code expiresIn}
 * (a lifetime counted from when the request was sent, RFC 6749 section 5.1), {@code expiresAt} (an
 * absolute time), the Max-Age or Expires of the cookie that holds the token (RFC 6265 section 5.3).
 * Only an answer that carries none of them takes the documented {@code lifetime}, else the token
 * never expires (it lives until the upstream rejects it). An expiry the answer carries but that cannot
 * be read, or that has passed, makes the answer unusable: guessing a lifetime instead would send
 * sessions the upstream already ended. One beyond {@link #LONGEST} is clamped to it, with one warning.
 */
final class TokenExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(TokenExpiry.class);
    /** No provider here issues tokens for longer (Salebasis long tokens: 30 days); more is a misread field. */
    static final Duration LONGEST = Duration.ofDays(366);

    private final Optional<AnswerSource> expiresIn;
    private final String expiresInUnit;
    private final Optional<AnswerSource> expiresAt;
    private final String expiresAtFormat;
    private final ZoneId zone;
    private final Duration documented;
    private final Optional<String> tokenCookie;
    private final AtomicBoolean warned = new AtomicBoolean();

    TokenExpiry(TokenAnswerStep step) {
        this.expiresIn = step.source(step.getExpiresIn());
        this.expiresInUnit = step.getExpiresInUnit();
        this.expiresAt = step.source(step.getExpiresAt());
        this.expiresAtFormat = step.getExpiresAtFormat();
        this.zone = step.zone();
        this.documented = step.documentedLifetime();
        AnswerSource token = AnswerSource.parse(step.getToken());
        this.tokenCookie = token.place() == AnswerSource.Place.COOKIE ? Optional.of(token.name()) : Optional.empty();
    }

    /** The expiry, or null for a token without one. */
    Instant of(String providerId, TokenAnswer answer, Instant sentAt) {
        Optional<String> in = expiresIn.flatMap(answer::text);
        if (in.isPresent()) {
            Duration lifetime = ExpiryDates.relative(in.get(), expiresInUnit).filter(d -> !d.isNegative() && !d.isZero())
                    .orElseThrow(() -> unreadable(providerId, expiresIn.get().describe(), in.get(), ExpiryDates.RELATIVE_FORMS,
                            "expiresInUnit=milliseconds if it counts milliseconds"));
            return sentAt.plus(clamped(providerId, expiresIn.get().describe(), lifetime));
        }
        Optional<String> at = expiresAt.flatMap(answer::text);
        if (at.isPresent()) {
            String forms = expiresAtFormat.equals("auto") ? ExpiryDates.ABSOLUTE_FORMS : "expiresAtFormat=" + expiresAtFormat;
            Instant parsed = ExpiryDates.absolute(at.get(), expiresAtFormat, zone).orElseThrow(() -> unreadable(providerId,
                    expiresAt.get().describe(), at.get(), forms, "expiresAtFormat=<epochSeconds, epochMillis, iso, httpDate"
                            + " or a DateTimeFormatter pattern such as dd.MM.yyyy HH:mm:ss>"));
            return notPast(providerId, expiresAt.get().describe(), at.get(), parsed, sentAt);
        }
        Optional<SetCookie> cookie = tokenCookie.flatMap(answer::cookie);
        if (cookie.isPresent() && cookie.get().maxAge().isPresent()) {
            Duration maxAge = cookie.get().maxAge().get();
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw unreadable(providerId, "cookie " + cookie.get().name() + "'s Max-Age", String.valueOf(maxAge.toSeconds()),
                        "a positive number of seconds (RFC 6265 section 5.2.2)", "expiresIn or expiresAt if the expiry is elsewhere");
            }
            return sentAt.plus(clamped(providerId, "cookie " + cookie.get().name(), maxAge));
        }
        if (cookie.isPresent() && cookie.get().rawExpires().isPresent()) {
            String raw = cookie.get().rawExpires().get();
            Instant expires = cookie.get().expires().orElseThrow(() -> unreadable(providerId, "cookie " + cookie.get().name()
                    + "'s Expires", raw, "HTTP-dates (RFC 1123, RFC 850, asctime) and Wdy, dd-Mon-yyyy HH:mm:ss GMT",
                    "expiresAt if the expiry is elsewhere in the answer"));
            return notPast(providerId, "cookie " + cookie.get().name() + "'s Expires", raw, expires, sentAt);
        }
        return documented == null ? null : sentAt.plus(documented);
    }

    private Instant notPast(String providerId, String where, String raw, Instant expiry, Instant sentAt) {
        if (!expiry.isAfter(sentAt)) {
            throw new UnusableTokenAnswerException(providerId, "the token answer's " + where + " is '" + raw + "', which is "
                    + expiry + ", not after the request was sent (" + sentAt + "); check the host's clock, expiresAtZone and"
                    + " expiresAtFormat on the authroutes:token step of this provider's route in routes/auth");
        }
        Duration lifetime = Duration.between(sentAt, expiry);
        return lifetime.compareTo(LONGEST) > 0 ? sentAt.plus(clamped(providerId, where, lifetime)) : expiry;
    }

    private Duration clamped(String providerId, String where, Duration lifetime) {
        if (lifetime.compareTo(LONGEST) <= 0) {
            return lifetime;
        }
        if (warned.compareAndSet(false, true)) {
            LOG.warn("{}: the token answer's {} lies more than {} days ahead; the token is treated as expiring then."
                    + " If that is not the expiry, set expiresIn/expiresAt on the authroutes:token step",
                    providerId, where, LONGEST.toDays());
        }
        return LONGEST;
    }

    private static UnusableTokenAnswerException unreadable(String providerId, String where, String raw, String forms, String option) {
        return new UnusableTokenAnswerException(providerId, "the token answer's " + where + " is '" + raw + "', which is not"
                + " an expiry this step reads (" + forms + "); set " + option + " on the authroutes:token step of this"
                + " provider's route in routes/auth, or, if it is not the expiry at all, point expiresIn/expiresAt elsewhere"
                + " (lifetime=<ISO-8601 duration> applies only to answers that state no expiry)");
    }
}

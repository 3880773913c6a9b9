package io.authroutes.auth.camel;

import com.fasterxml.jackson.databind.JsonNode;
import io.authroutes.auth.UnusableTokenAnswerException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a token from an answer expires: {@code expiresIn} seconds counted from when the request was
 * sent (RFC 6749 section 5.1), else an absolute {@code expiresAt}, else the documented lifetime, else
 * never (the token lives until the upstream rejects it). A value that makes no sense (zero, negative,
 * in the past, unreadable) falls back to the documented lifetime or makes the answer unusable; one
 * beyond {@link #LONGEST} is clamped to it, with one warning naming the field.
 */
final class TokenExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(TokenExpiry.class);
    /** No provider here issues tokens for longer (Salebasis long tokens: 30 days); more is a misread field. */
    static final Duration LONGEST = Duration.ofDays(366);

    private final String expiresIn;
    private final String expiresAt;
    private final ZoneId zone;
    private final Duration documented;
    private final AtomicBoolean warned = new AtomicBoolean();

    TokenExpiry(String expiresIn, String expiresAt, ZoneId zone, Duration documented) {
        this.expiresIn = expiresIn;
        this.expiresAt = expiresAt;
        this.zone = zone;
        this.documented = documented;
    }

    /** The expiry, or null for a token without one. */
    Instant of(String providerId, JsonNode body, Instant sentAt) {
        Optional<JsonNode> seconds = expiresIn == null ? Optional.empty() : JsonFields.find(body, expiresIn);
        if (seconds.isPresent()) {
            Optional<BigDecimal> value = number(seconds.get());
            if (value.isPresent() && value.get().signum() > 0) {
                return sentAt.plus(clamped(providerId, expiresIn, value.get()));
            }
            return fallback(providerId, expiresIn, seconds.get(), "a positive number of seconds", sentAt);
        }
        Optional<JsonNode> at = expiresAt == null ? Optional.empty() : JsonFields.find(body, expiresAt);
        if (at.isPresent()) {
            Optional<Instant> parsed = ExpiryDates.parse(at.get(), zone).filter(sentAt::isBefore);
            if (parsed.isPresent()) {
                Duration lifetime = Duration.between(sentAt, parsed.get());
                return lifetime.compareTo(LONGEST) > 0 ? sentAt.plus(clamped(providerId, expiresAt, null)) : parsed.get();
            }
            return fallback(providerId, expiresAt, at.get(), "a date after the request", sentAt);
        }
        return documented == null ? null : sentAt.plus(documented);
    }

    private Duration clamped(String providerId, String field, BigDecimal seconds) {
        if (seconds != null && seconds.compareTo(BigDecimal.valueOf(LONGEST.toSeconds())) <= 0) {
            return Duration.ofMillis(seconds.movePointRight(3).longValue());
        }
        if (warned.compareAndSet(false, true)) {
            LOG.warn("{}: the token answer's '{}' lies more than {} days ahead; the token is treated as expiring then."
                    + " If that field is not the expiry, set expiresIn/expiresAt on the authroutes:token step",
                    providerId, field, LONGEST.toDays());
        }
        return LONGEST;
    }

    private Instant fallback(String providerId, String field, JsonNode raw, String expected, Instant sentAt) {
        if (documented == null) {
            throw new UnusableTokenAnswerException(providerId, "the token answer's '" + field + "' is '" + raw.asText()
                    + "', not " + expected + "; set lifetime=<ISO-8601 duration, e.g. PT1H> on the authroutes:token"
                    + " step of this provider's route in routes/auth if the provider documents one");
        }
        if (warned.compareAndSet(false, true)) {
            LOG.warn("{}: the token answer's '{}' is '{}', not {}; assuming the documented lifetime {}",
                    providerId, field, raw.asText(), expected, documented);
        }
        return sentAt.plus(documented);
    }

    private static Optional<BigDecimal> number(JsonNode node) {
        try {
            return Optional.of(node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

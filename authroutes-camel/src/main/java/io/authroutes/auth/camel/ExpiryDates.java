package io.authroutes.auth.camel;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;

/**
 * Expiry values as APIs write them. Salebasis does not document the format of {@code validTo}
 * (seed 003), and others use whatever their framework prints, so the usual forms are read without
 * being declared; a form that auto-detection would have to guess at (epoch seconds or milliseconds),
 * or one of its own, is declared with {@code expiresAtFormat} / {@code expiresInUnit}.
 */
final class ExpiryDates {

    /** What {@code expiresAtFormat=auto} reads, for error messages. */
    static final String ABSOLUTE_FORMS = "epoch seconds or milliseconds, ISO-8601 with or without an offset"
            + " (2026-12-04T10:12:22Z), yyyy-MM-dd HH:mm:ss, and HTTP-dates (RFC 1123 Fri, 04 Dec 2026 10:12:22 GMT;"
            + " RFC 850; asctime)";
    /** What {@code expiresIn} reads, for error messages. */
    static final String RELATIVE_FORMS = "a positive number of seconds (or of milliseconds with expiresInUnit=milliseconds)"
            + " or an ISO-8601 duration such as PT15M";

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Epoch values above this are milliseconds: in seconds it would be the year 5138. */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private ExpiryDates() {
    }

    /**
     * The instant {@code text} names in {@code format} ({@code auto}, {@code epochSeconds}, {@code epochMillis},
     * {@code iso}, {@code httpDate}, or a {@code DateTimeFormatter} pattern), or empty when it does not;
     * times without an offset are in {@code zone}.
     */
    static Optional<Instant> absolute(String text, String format, ZoneId zone) {
        String value = text.trim();
        return switch (format) {
            case "auto" -> value.matches("\\d+(\\.\\d+)?") ? epochAuto(value) : iso(value, zone).or(() -> HttpDates.parse(value));
            case "epochSeconds" -> epoch(value, 1);
            case "epochMillis" -> epoch(value, 1000);
            case "iso" -> iso(value, zone);
            case "httpDate" -> HttpDates.parse(value);
            default -> pattern(value, format, zone);
        };
    }

    /** A lifetime: a number in {@code unit} ({@code seconds} or {@code milliseconds}), or an ISO-8601 duration. */
    static Optional<Duration> relative(String text, String unit) {
        String value = text.trim();
        if (value.startsWith("P") || value.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(value));
            } catch (DateTimeParseException notDuration) {
                return Optional.empty();
            }
        }
        return number(value).map(n -> Duration.ofMillis(n.movePointRight(unit.equals("milliseconds") ? 0 : 3)
                .min(BigDecimal.valueOf(Long.MAX_VALUE)).max(BigDecimal.valueOf(Long.MIN_VALUE)).longValue()));
    }

    /** Checks a declared format when routes are built; throws naming what is accepted. */
    static void checkFormat(String format) {
        switch (format) {
            case "auto", "epochSeconds", "epochMillis", "iso", "httpDate" -> { }
            default -> DateTimeFormatter.ofPattern(format, Locale.US);
        }
    }

    private static Optional<Instant> epochAuto(String value) {
        return number(value).map(n -> n.compareTo(BigDecimal.valueOf(MILLIS_THRESHOLD)) > 0
                ? Instant.ofEpochMilli(n.longValue()) : Instant.ofEpochSecond(n.longValue()));
    }

    private static Optional<Instant> epoch(String value, int perSecond) {
        return number(value).map(n -> Instant.ofEpochMilli(n.movePointRight(3).divide(BigDecimal.valueOf(perSecond))
                .longValue()));
    }

    private static Optional<Instant> iso(String value, ZoneId zone) {
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(value).atZone(zone).toInstant());
            } catch (DateTimeParseException notLocal) {
                return pattern(value, SPACED, zone);
            }
        }
    }

    private static Optional<Instant> pattern(String value, String pattern, ZoneId zone) {
        return pattern(value, DateTimeFormatter.ofPattern(pattern, Locale.US), zone);
    }

    private static Optional<Instant> pattern(String value, DateTimeFormatter formatter, ZoneId zone) {
        try {
            TemporalAccessor parsed = formatter.parseBest(value, ZonedDateTime::from, LocalDateTime::from);
            return Optional.of(parsed instanceof ZonedDateTime zoned ? zoned.toInstant() : ((LocalDateTime) parsed).atZone(zone).toInstant());
        } catch (DateTimeParseException unknown) {
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> number(String value) {
        try {
            return Optional.of(new BigDecimal(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package io.authroutes.auth.camel;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Absolute expiry times as providers write them. Salebasis does not document the format of
 * {@code validTo} (seed 003), so the usual forms are accepted: ISO-8601 with an offset or {@code Z},
 * ISO-8601 without one, {@code yyyy-MM-dd HH:mm:ss}, and epoch seconds or milliseconds.
 */
final class ExpiryDates {

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Epoch values above this are milliseconds: in seconds it would be the year 5138. */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private ExpiryDates() {
    }

    /** The instant, or empty when the value is in no known form; times without an offset are in {@code zone}. */
    static Optional<Instant> parse(JsonNode value, ZoneId zone) {
        if (value.isNumber() || value.isTextual() && value.asText().matches("\\d{9,}")) {
            long epoch = value.asLong();
            return Optional.of(epoch > MILLIS_THRESHOLD ? Instant.ofEpochMilli(epoch) : Instant.ofEpochSecond(epoch));
        }
        String text = value.asText().trim();
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).atZone(zone).toInstant());
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDateTime.parse(text, SPACED).atZone(zone).toInstant());
                } catch (DateTimeParseException unknown) {
                    return Optional.empty();
                }
            }
        }
    }
}

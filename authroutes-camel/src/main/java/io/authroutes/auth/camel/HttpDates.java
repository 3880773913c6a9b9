package io.authroutes.auth.camel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP-date (RFC 9110 section 5.6.7): senders write the IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}),
 * and recipients accept it and the two obsolete forms too: RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT})
 * and asctime ({@code Sun Nov  6 08:49:37 1994}). Every form is in GMT, with English day and month names.
 */
final class HttpDates {

    // asctime pads a one-digit day with a space; whitespace runs are collapsed before parsing
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US)
            .withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /** {@link #parse(String, Instant)} with the two-digit years of RFC 850 placed against today. */
    static Optional<Instant> parse(String text) {
        return parse(text, Instant.now());
    }

    /**
     * The instant {@code text} names, or empty when it is in none of the three forms. {@code now} places the
     * two-digit year of RFC 850: one that would lie more than 50 years ahead is the most recent past year
     * with those digits (RFC 9110 section 5.6.7).
     */
    static Optional<Instant> parse(String text, Instant now) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim().replaceAll("\\s+", " ");
        for (DateTimeFormatter form : List.of(DateTimeFormatter.RFC_1123_DATE_TIME, rfc850(now), ASCTIME)) {
            try {
                return Optional.of(form.parse(value, Instant::from));
            } catch (DateTimeParseException notThisForm) {
                // the next form
            }
        }
        return Optional.empty();
    }

    private static DateTimeFormatter rfc850(Instant now) {
        int firstYear = now.atZone(ZoneOffset.UTC).getYear() - 49;
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, firstYear)
                .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US).withZone(ZoneOffset.UTC);
    }
}

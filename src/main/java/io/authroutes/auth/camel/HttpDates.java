package io.authroutes.auth.camel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP-dates in the three forms RFC 9110 section 5.6.7 obliges a recipient to read: IMF-fixdate
 * ({@code Sun, 06 Nov 1994 08:49:37 GMT}, the RFC 1123 form), the obsolete RFC 850 form
 * ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and ANSI C's asctime ({@code Sun Nov  6 08:49:37 1994}).
 */
final class HttpDates {

    /**
     * RFC 9110 section 5.6.7: a two-digit year that would lie more than 50 years ahead is the most recent
     * past year with those digits, so the century window starts 49 years back.
     */
    private static final int TWO_DIGIT_YEARS_FROM = LocalDate.now(ZoneOffset.UTC).getYear() - 49;
    private static final List<DateTimeFormatter> FORMS = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, TWO_DIGIT_YEARS_FROM)
                    .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US).withZone(ZoneOffset.UTC),
            // asctime pads a one-digit day with a space; whitespace runs are collapsed before parsing
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC));

    private HttpDates() {
    }

    /** The instant {@code text} names in any of the three forms, or empty. */
    static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim().replaceAll("\\s+", " ");
        for (DateTimeFormatter form : FORMS) {
            try {
                return Optional.of(form.parse(value, Instant::from));
            } catch (DateTimeParseException notThisForm) {
                // the next form
            }
        }
        return Optional.empty();
    }
}

package io.authroutes.auth.camel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * One cookie of a {@code Set-Cookie} response header (RFC 6265 section 4.1): its value and the two
 * attributes that say when it ends. Max-Age wins over Expires (section 5.3, step 3).
 *
 * @param maxAge  the Max-Age attribute, if given as a number of seconds
 * @param expires the Expires attribute, if it is a date this parser reads
 * @param rawExpires the Expires attribute as written, to name it when it cannot be read
 */
record SetCookie(String name, String value, Optional<Duration> maxAge, Optional<Instant> expires, Optional<String> rawExpires) {

    /** The Netscape form many servers still write in cookies: {@code Wed, 09-Jun-2021 10:18:14 GMT}. */
    private static final DateTimeFormatter NETSCAPE = DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** The cookie a header sets, or empty when the header has no {@code name=value} pair. */
    static Optional<SetCookie> parse(String header) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return Optional.empty();
        }
        Optional<Duration> maxAge = Optional.empty();
        Optional<String> rawExpires = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            int at = attribute.indexOf('=');
            String name = (at < 0 ? attribute : attribute.substring(0, at)).trim().toLowerCase(Locale.ROOT);
            String value = at < 0 ? "" : attribute.substring(at + 1).trim();
            if (name.equals("max-age") && value.matches("-?\\d+")) {
                maxAge = Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } else if (name.equals("expires") && !value.isEmpty()) {
                rawExpires = Optional.of(value);
            }
        }
        Optional<Instant> expires = rawExpires.flatMap(SetCookie::date);
        return Optional.of(new SetCookie(parts[0].substring(0, eq).trim(), unquoted(parts[0].substring(eq + 1).trim()),
                maxAge, expires, rawExpires));
    }

    private static Optional<Instant> date(String text) {
        Optional<Instant> http = HttpDates.parse(text);
        if (http.isPresent()) {
            return http;
        }
        try {
            return Optional.of(NETSCAPE.parse(text, Instant::from));
        } catch (DateTimeParseException notNetscape) {
            return Optional.empty();
        }
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}

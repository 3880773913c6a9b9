package io.authroutes.auth.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.auth.Token;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The expiry forms APIs write, as authroutes:token reads them: HTTP-dates in the three forms of RFC 9110
 * section 5.6.7, absolute times auto-detected or declared, lifetimes, cookies' Max-Age and Expires, and
 * where a token and its further values go on a call.
 */
class ExpiryFormsTest {

    private static final Instant NOON = Instant.parse("1994-11-06T08:49:37Z");
    private static final Instant EXPIRY = Instant.parse("2026-12-04T10:12:22Z");

    @ParameterizedTest
    @ValueSource(strings = {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
            " Sun Nov 6 08:49:37 1994 "})
    void httpDateInEachFormOfRfc9110IsRead(String written) {
        assertThat(HttpDates.parse(written)).contains(NOON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in 30 minutes", "2026-12-04", "Fri, 32 Dec 2026 10:12:22 GMT", ""})
    void somethingElseIsNoHttpDate(String written) {
        assertThat(HttpDates.parse(written)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1796379142 | auto",
            "1796379142000 | auto",
            "2026-12-04T10:12:22Z | auto",
            "2026-12-04T11:12:22+01:00 | auto",
            "2026-12-04T10:12:22 | auto",
            "2026-12-04 10:12:22 | auto",
            "Fri, 04 Dec 2026 10:12:22 GMT | auto",
            "Friday, 04-Dec-26 10:12:22 GMT | auto",
            "Fri Dec  4 10:12:22 2026 | auto",
            "1796379142 | epochSeconds",
            "1796379142000 | epochMillis",
            "2026-12-04T10:12:22Z | iso",
            "Fri, 04 Dec 2026 10:12:22 GMT | httpDate",
            "04.12.2026 10:12:22 | dd.MM.yyyy HH:mm:ss"})
    void absoluteExpiryInAnyUsualOrDeclaredFormIsRead(String written, String format) {
        assertThat(ExpiryDates.absolute(written, format, ZoneOffset.UTC)).contains(EXPIRY);
    }

    @Test
    void declaredFormatSettlesWhatAutoDetectionWouldGuess() {
        // 10 digits of milliseconds: auto-detection reads seconds, a declared format does not guess
        assertThat(ExpiryDates.absolute("1796379142", "epochMillis", ZoneOffset.UTC)).contains(Instant.ofEpochMilli(1796379142L));
        assertThat(ExpiryDates.absolute("2026-12-04 11:12:22", "auto", ZoneId.of("Europe/Warsaw"))).contains(EXPIRY);
        assertThat(ExpiryDates.absolute("Fri, 04 Dec 2026 10:12:22 GMT", "iso", ZoneOffset.UTC)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"900, seconds, PT15M", "900000, milliseconds, PT15M", "PT15M, seconds, PT15M", "899.5, seconds, PT14M59.5S"})
    void lifetimeInSecondsMillisecondsOrAsADuration(String written, String unit, Duration expected) {
        assertThat(ExpiryDates.relative(written, unit)).contains(expected);
    }

    @Test
    void cookieCarriesItsMaxAgeAndExpiresAndMaxAgeIsReadFirst() {
        SetCookie both = SetCookie.parse("SESSIONID=\"s-1\"; Path=/; Max-Age=1800; Expires=Fri, 04 Dec 2026 10:12:22 GMT; HttpOnly").orElseThrow();
        SetCookie netscape = SetCookie.parse("ROUTEID=.node1; expires=Fri, 04-Dec-2026 10:12:22 GMT; path=/").orElseThrow();

        assertThat(both.name()).isEqualTo("SESSIONID");
        assertThat(both.value()).isEqualTo("s-1");
        assertThat(both.maxAge()).contains(Duration.ofMinutes(30));
        assertThat(both.expires()).contains(EXPIRY);
        assertThat(netscape.expires()).contains(EXPIRY);
        assertThat(SetCookie.parse("no pair here")).isEmpty();
    }

    @Test
    void tokenInACookieAHeaderAndTheQueryWithAKeptValueInAnotherCookie() {
        CallStep step = new CallStep();
        step.setQueryParameter("sid");
        step.setSend(Map.of("token", "header:X-Session", "routeId", "cookie:ROUTEID"));

        TokenPlacements placements = new TokenPlacements(token -> "Session " + token, TokenPlacements.of(step, "SESSIONID"));
        TokenPlacements.Sent sent = placements.of(new Token("s 1", NOON, null, null, Map.of("routeId", ".node1")));

        assertThat(sent.query()).isEqualTo("sid=s+1");
        assertThat(sent.headers()).containsEntry("X-Session", "Session s 1").containsEntry("Cookie", "SESSIONID=s 1; ROUTEID=.node1");
        assertThat(placements.credentialHeaders()).containsExactlyInAnyOrder("X-Session", "Cookie");
    }
}

package io.authroutes.auth.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retry-After as RFC 9110 section 10.2.3 writes it, the HTTP-date in each of the three forms of section 5.6.7. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"120", "Sun, 22 Nov 2026 10:02:00 GMT", "Sunday, 22-Nov-26 10:02:00 GMT", "Sun Nov 22 10:02:00 2026"})
    void retryAfterInSecondsOrAnyHttpDateFormThenTwoMinutes(String header) {
        assertThat(HttpAnswers.retryAfter(header, NOW)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void asctimeWithASingleDigitDayIsPaddedWithASpace() {
        assertThat(HttpDates.parse("Thu Dec  3 10:00:00 2026", NOW)).contains(Instant.parse("2026-12-03T10:00:00Z"));
    }

    @Test
    void rfc850YearMoreThanFiftyYearsAheadIsTheMostRecentPastOne() {
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).contains(Instant.parse("1994-11-06T08:49:37Z"));
        assertThat(HttpDates.parse("Friday, 06-Nov-76 08:49:37 GMT", NOW)).contains(Instant.parse("2076-11-06T08:49:37Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "Sun, 22 Nov 2026 09:00:00 GMT", "2026-11-22T10:02:00Z", "-5"})
    void retryAfterUnreadableOrPastThenIgnored(String header) {
        assertThat(HttpAnswers.retryAfter(header, NOW)).isNull();
    }
}

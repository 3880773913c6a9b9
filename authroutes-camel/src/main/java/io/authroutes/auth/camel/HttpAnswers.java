package io.authroutes.auth.camel;

import io.authroutes.auth.CredentialsRejectedException;
import io.authroutes.auth.ProviderAuthException;
import io.authroutes.auth.TokenEndpointUnavailableException;
import io.authroutes.auth.UnusableTokenAnswerException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one reading of HTTP statuses that every token route and call route shares (design, "Failure
 * policy"). A token endpoint's 2xx is an answer to map; 408, 429 and 5xx mean "not now" (RFC 9110
 * sections 15.5.9, 15.6; RFC 6585 section 4); a redirect is not followed, so nothing usable came back;
 * any other 4xx is a refusal: of the credentials for a login, of the grant for a refresh or extension
 * (RFC 6749 section 5.2). A call's statuses are read by its own {@code reauthOn} list.
 */
final class HttpAnswers {

    private HttpAnswers() {
    }

    static boolean unavailable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * What a token endpoint's non-2xx answer means, as the typed failure the engine reacts to.
     *
     * @param reason      the provider's error code and text, redacted, starting with ", ", or empty
     * @param whatToCheck which properties to check when refused, starting with "; ", or empty
     */
    static Optional<ProviderAuthException> tokenAnswerFailure(String providerId, int status, String reason,
                                                              Duration retryAfter, String whatToCheck) {
        if (status >= 200 && status < 300) {
            return Optional.empty();
        }
        if (unavailable(status)) {
            return Optional.of(new TokenEndpointUnavailableException(providerId,
                    "the token endpoint answered HTTP " + status + reason, null, retryAfter));
        }
        if (status >= 300 && status < 400) {
            return Optional.of(new UnusableTokenAnswerException(providerId, "the token endpoint answered HTTP " + status
                    + " (a redirect, which is not followed); point the token URL at the final address"));
        }
        return Optional.of(new CredentialsRejectedException(providerId, status,
                "the token endpoint refused the request (HTTP " + status + reason + ")" + whatToCheck));
    }

    /**
     * {@code Retry-After} as delay-seconds or an HTTP-date in any of its three forms (RFC 9110 sections 10.2.3
     * and 5.6.7); null when absent, unreadable or already past.
     */
    static Duration retryAfter(Object header, Instant now) {
        if (header == null) {
            return null;
        }
        String value = header.toString().trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds > 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            return HttpDates.parse(value, now).map(date -> Duration.between(now, date)).filter(until -> !until.isNegative())
                    .orElse(null);
        }
    }
}

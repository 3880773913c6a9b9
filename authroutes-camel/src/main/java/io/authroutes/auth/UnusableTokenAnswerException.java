package io.authroutes.auth;

/**
 * The token endpoint answered, but not with anything a token can be made of: a 2xx without the
 * configured token field, a body that is not JSON (an HTML error page of a proxy), an expiry that
 * makes no sense, a redirect. Treated like an unavailable endpoint (backoff), since asking again at
 * once would only get the same answer; the message names the field and the step option to change.
 */
public final class UnusableTokenAnswerException extends ProviderAuthException {

    public UnusableTokenAnswerException(String providerId, String message) {
        super(providerId, message, null);
    }
}

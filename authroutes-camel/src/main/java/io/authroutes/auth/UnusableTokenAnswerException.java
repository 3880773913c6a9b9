package io.authroutes.auth;

import java.util.Optional;

/**
 * The token endpoint answered, but not with anything a token can be made of: a 2xx without the
 * configured token field, a body that is not JSON (an HTML error page of a proxy), an expiry that
 * cannot be read or has passed, a redirect. Asking again at once would only get the same answer; the
 * message names what was found and the step option to change.
 *
 * <p>A 2xx answer that cannot be used is a configuration error, which does not mend itself in
 * milliseconds: such failures are spaced like refused credentials, and the session the login opened,
 * when its value could be read, is carried here so that it can be logged out rather than left open.
 */
public final class UnusableTokenAnswerException extends ProviderAuthException {

    private final boolean successfulAnswer;
    private final transient Token session;

    public UnusableTokenAnswerException(String providerId, String message) {
        this(providerId, message, false, null);
    }

    private UnusableTokenAnswerException(String providerId, String message, boolean successfulAnswer, Token session) {
        super(providerId, message, null);
        this.successfulAnswer = successfulAnswer;
        this.session = session;
    }

    /**
     * A 2xx answer that cannot be used.
     *
     * @param session what could be read of the session it opened (for a logout), or null
     */
    public static UnusableTokenAnswerException ofSuccessfulAnswer(String providerId, String message, Token session) {
        return new UnusableTokenAnswerException(providerId, message, true, session);
    }

    /** The endpoint answered with success (2xx): the login went through, only its answer is not understood. */
    public boolean successfulAnswer() {
        return successfulAnswer;
    }

    /** The session the unusable answer opened, when its value could be read. */
    public Optional<Token> session() {
        return Optional.ofNullable(session);
    }
}

package io.authroutes.auth;

import java.util.Optional;

/**
 * Where a provider's tokens come from: one request per call, no caching, no retries.
 * Not for applications (public for the component's token routes); may change.
 */
public interface TokenEndpoint {

    boolean supports(TokenOperation operation);

    /**
     * Performs one operation. REVOKE returns the token it revoked.
     *
     * @throws CredentialsRejectedException      the endpoint refused the credentials or the token
     * @throws TokenEndpointUnavailableException the endpoint could not answer properly; worth retrying
     */
    Token request(TokenOperation operation, Optional<Token> current);
}

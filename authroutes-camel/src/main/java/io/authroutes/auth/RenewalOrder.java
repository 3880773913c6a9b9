package io.authroutes.auth;

import java.util.List;

/**
 * Which operations renew a token, cheapest first (design, "Token lifecycle rules"): a refresh token
 * where the provider issues one (RFC 6749 section 6), an extension where the provider offers one and
 * the token still lives, and a full login as the fallback for both.
 */
final class RenewalOrder {

    private RenewalOrder() {
    }

    static List<TokenOperation> of(Token current, TokenEndpoint endpoint, boolean expired) {
        if (endpoint.supports(TokenOperation.REFRESH) && current.refresh().isPresent()) {
            return List.of(TokenOperation.REFRESH, TokenOperation.LOGIN);
        }
        if (endpoint.supports(TokenOperation.EXTEND) && !expired) {
            return List.of(TokenOperation.EXTEND, TokenOperation.LOGIN);
        }
        return List.of(TokenOperation.LOGIN);
    }
}

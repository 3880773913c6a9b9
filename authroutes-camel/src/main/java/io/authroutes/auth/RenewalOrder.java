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

    /**
     * {@code order} without the refresh when the store says the refresh token may not be presented now: another
     * instance may present it after a failover, and a rotating refresh token is good once (RFC 9700 section 4.14.2).
     */
    static List<TokenOperation> allowing(List<TokenOperation> order, TokenStore.RefreshUse refresh) {
        return refresh == TokenStore.RefreshUse.ALLOWED ? order
                : order.stream().filter(operation -> operation != TokenOperation.REFRESH).toList();
    }
}

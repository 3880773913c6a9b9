package io.authroutes.auth;

import java.util.concurrent.CompletableFuture;

/** How the cache obtains a token for one provider; the futures complete on the loader's own threads. */
interface TokenLoader {

    ExpiryPolicy expiry();

    /** A first token, or one to replace a token the upstream rejected. */
    CompletableFuture<Token> acquire();

    /** A token to replace one that is about to expire (or has), by the cheapest means the provider has. */
    CompletableFuture<Token> renew(Token current);
}

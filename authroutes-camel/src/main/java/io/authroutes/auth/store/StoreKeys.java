package io.authroutes.auth.store;

import io.authroutes.auth.TokenAccount;

/**
 * Names in Redis. Every key is {@code <prefix>:<provider id>:{<account hash>}:<what>}; the prefix has no
 * {@code :} and the hash has a fixed length, so no two accounts, providers or apps can share a key. The
 * braces are a Redis Cluster hash tag: every key of an account lives in one slot, so each script (which
 * touches one key) and the account as a whole stay on one node, and the cluster never answers CROSSSLOT.
 */
record StoreKeys(String prefix) {

    String token(TokenAccount account) {
        return base(account) + ":token";
    }

    String lease(TokenAccount account) {
        return base(account) + ":lease";
    }

    String policy(TokenAccount account) {
        return base(account) + ":policy";
    }

    String members(TokenAccount account) {
        return base(account) + ":members";
    }

    /** One channel per prefix carries every account's events: one subscription per instance. */
    String events() {
        return prefix + ":events";
    }

    private String base(TokenAccount account) {
        return prefix + ":" + account.providerId() + ":{" + account.identity() + "}";
    }
}

package io.authroutes.monitoring;

/**
 * What Hawtio shows of one provider's auth under {@code io.authroutes:type=auth,name=<id>}. Every
 * attribute is safe to display: a token appears only as its fingerprint, errors only redacted.
 */
public interface ProviderAuthMBean {

    @Description("The provider id: calls go through direct:<id>")
    String getProvider();

    @Description("NO_TOKEN, VALID, RENEWING (a token request is in flight), BACKING_OFF (token endpoint unavailable or"
            + " its answers unusable), CREDENTIALS_REFUSED or TOKEN_REJECTED (the upstream refuses new tokens); see NextAttemptAt")
    String getState();

    @Description("First 8 hex digits of the token's HMAC-SHA256 under a random key of this process: tells this"
            + " process's tokens apart and reveals nothing; instances sharing one token show different fingerprints of it,"
            + " and a restart changes them")
    String getTokenFingerprint();

    @Description("When the request that obtained the current token was sent (ISO-8601)")
    String getObtainedAt();

    @Description("When the current token expires (ISO-8601); empty when the provider states no expiry")
    String getExpiresAt();

    @Description("Tokens obtained by logging in with the credentials")
    long getAcquisitions();

    @Description("Tokens obtained with a refresh token")
    long getRefreshes();

    @Description("Tokens whose expiry the provider pushed further")
    long getExtensions();

    @Description("Tokens revoked at the provider, on shutdown")
    long getRevocations();

    @Description("Calls the upstream rejected as unauthenticated, retried with a new token")
    long getReauthentications();

    @Description("Token requests that failed: credentials refused or endpoint unavailable")
    long getFailures();

    @Description("Calls made through direct:<id>")
    long getCalls();

    @Description("Mean time of a call, re-authentication included (milliseconds)")
    double getMeanCallMillis();

    @Description("True while the provider refuses the configured credentials: fix them, then renewNow()")
    boolean isCredentialsRejected();

    @Description("While failing: no token request of the held-back operation before this (ISO-8601); calls fail fast until then")
    String getNextAttemptAt();

    @Description("Failed attempts in the current failing episode; 0 while healthy")
    int getAttemptsInEpisode();

    @Description("Where tokens live: local (this instance only) or redis (shared by every instance on the same Redis and prefix)")
    String getStore();

    @Description("True while this instance shares its token with the others on the store; false with the local store,"
            + " and while the shared store does not answer and this instance obtains its own tokens")
    boolean isStoreShared();

    @Description("The last failure, with secrets removed")
    String getLastError();

    @Description("When the last failure happened (ISO-8601)")
    String getLastErrorAt();

    @Description("Drops the cached token: the next call obtains a new one")
    String invalidate();

    @Description("Obtains a new token now (refresh, extension or login, as the provider allows), whatever the failure policy holds back")
    String renewNow();
}

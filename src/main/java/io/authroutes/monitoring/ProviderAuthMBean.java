package io.authroutes.monitoring;

/**
 * What Hawtio shows of one provider's auth under {@code io.authroutes:type=auth,name=<id>}. Every
 * attribute is safe to display: a token appears only as its fingerprint, errors only redacted.
 */
public interface ProviderAuthMBean {

    String getProvider();

    /** NO_TOKEN, VALID, RENEWING or FAILING. */
    String getState();

    /** A short hash of the cached token, empty when none: tells tokens apart, reveals nothing. */
    String getTokenFingerprint();

    /** ISO-8601 instant, empty when there is no token. */
    String getObtainedAt();

    /** ISO-8601 instant, empty when there is no token or it never expires. */
    String getExpiresAt();

    long getAcquisitions();

    long getRefreshes();

    long getExtensions();

    long getRevocations();

    long getReauthentications();

    long getFailures();

    long getCalls();

    double getMeanCallMillis();

    boolean isCredentialsRejected();

    /** ISO-8601 instant until which token requests fail fast, empty when not cooling down. */
    String getCooldownUntil();

    /** The last failure with secrets removed, empty when there was none. */
    String getLastError();

    String getLastErrorAt();

    /** Drops the cached token: the next call obtains a new one. */
    String invalidate();

    /** Obtains a new token now (refresh, extension or login, as the provider allows). */
    String renewNow();
}

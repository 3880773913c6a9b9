package io.authroutes.monitoring;

import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.ProviderAuthException;
import io.authroutes.auth.Token;
import io.authroutes.auth.TokenOperation;
import java.time.Instant;
import java.util.Optional;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The MBean of one provider: reads {@link ProviderAuth} on every request, keeps no state of its own. */
final class ProviderAuthView implements ProviderAuthMBean {

    public static final String DOMAIN = "io.authroutes";

    private final ProviderAuth auth;

    public ProviderAuthView(ProviderAuth auth) {
        this.auth = auth;
    }

    public static ObjectName objectName(String providerId) {
        try {
            // provider ids are [a-z0-9-]+ (ProviderRoutes), valid in an ObjectName as they are
            return new ObjectName(DOMAIN + ":type=auth,name=" + providerId);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Provider id '" + providerId + "' cannot name an MBean", e);
        }
    }

    @Override
    public String getProvider() {
        return auth.providerId();
    }

    @Override
    public String getState() {
        return auth.status().state().name();
    }

    @Override
    public String getTokenFingerprint() {
        return auth.current().map(Token::fingerprint).orElse("");
    }

    @Override
    public String getObtainedAt() {
        return text(auth.current().map(Token::obtainedAt));
    }

    @Override
    public String getExpiresAt() {
        return text(auth.current().flatMap(Token::expiry));
    }

    @Override
    public long getAcquisitions() {
        return auth.stats().successful(TokenOperation.LOGIN);
    }

    @Override
    public long getRefreshes() {
        return auth.stats().successful(TokenOperation.REFRESH);
    }

    @Override
    public long getExtensions() {
        return auth.stats().successful(TokenOperation.EXTEND);
    }

    @Override
    public long getRevocations() {
        return auth.stats().successful(TokenOperation.REVOKE);
    }

    @Override
    public long getReauthentications() {
        return auth.stats().reauthentications();
    }

    @Override
    public long getFailures() {
        return auth.stats().failures();
    }

    @Override
    public long getCalls() {
        return auth.stats().calls();
    }

    @Override
    public double getMeanCallMillis() {
        long calls = auth.stats().calls();
        return calls == 0 ? 0 : auth.stats().callTime().toNanos() / 1e6 / calls;
    }

    @Override
    public boolean isCredentialsRejected() {
        return auth.status().credentialsRejected();
    }

    @Override
    public String getNextAttemptAt() {
        return text(auth.status().nextAttemptAt());
    }

    @Override
    public int getAttemptsInEpisode() {
        return auth.status().attemptsInEpisode();
    }

    @Override
    public String getStore() {
        return auth.shared().store().kind();
    }

    @Override
    public boolean isStoreShared() {
        return auth.shared().store().isShared() && !auth.shared().store().isFallingBack();
    }

    @Override
    public String getLastError() {
        return auth.stats().lastError();
    }

    @Override
    public String getLastErrorAt() {
        return text(Optional.ofNullable(auth.stats().lastErrorAt()));
    }

    @Override
    public String invalidate() {
        auth.invalidate();
        return "Token dropped; the next call to " + auth.providerId() + " obtains a new one";
    }

    @Override
    public String renewNow() {
        try {
            Token token = auth.renewNow();
            return "Renewed: token " + token.fingerprint() + token.expiry().map(at -> ", valid until " + at).orElse("");
        } catch (ProviderAuthException e) {
            // the engine's messages carry no secret (Redactor), and an operator needs the reason
            return "Renewal failed: " + e.getMessage();
        }
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse("");
    }
}

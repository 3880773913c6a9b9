package io.authroutes.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authroutes.auth.ProviderTlsException;
import io.authroutes.auth.TokenEndpointUnavailableException;
import io.authroutes.testing.AppInstance;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import io.authroutes.testing.MutableClock;
import io.authroutes.testing.TestCertificates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.util.ObjectHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README "TLS": providers.<id>.ssl.* against real HTTPS servers whose private CA keytool makes for this
 * class. Each provider has a server of its own, so what a server counted is what that provider sent.
 * Providers are of the yaVapteke kind (form token request, Bearer call).
 */
class ProviderTlsTest {

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static final Map<String, FakeApi> SERVERS = new HashMap<>();
    private static FakeApi plainTokens;
    private static CapturedLog log;
    private static AppInstance app;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.create(dir);
        plainTokens = api(new FakeApi());
        Map<String, String> properties = new HashMap<>(Map.of(
                "sandbox.enabled", "false", "hawtio.enabled", "false", "camel.management.enabled", "false",
                "camel.main.routes-include-pattern", "file:routes/auth/*.camel.yaml"));
        // the CA's truststore: token requests and calls over TLS
        provider(properties, "tls-trusted", false, true, Map.of(
                "ssl.truststore", certificates.truststore().toString(), "ssl.truststorePassword", TestCertificates.PASSWORD));
        // no TLS settings: the JVM's CAs do not know the test CA (token over plain loopback http, call over TLS)
        provider(properties, "tls-unset", false, false, Map.of());
        // a truststore with the wrong CA
        provider(properties, "tls-other-ca", false, true, Map.of(
                "ssl.truststore", certificates.otherCaTruststore().toString(), "ssl.truststorePassword", TestCertificates.PASSWORD));
        // a server that demands a client certificate, and gets one
        provider(properties, "tls-mutual", true, true, Map.of(
                "ssl.truststore", certificates.truststore().toString(), "ssl.truststorePassword", TestCertificates.PASSWORD,
                "ssl.keystore", certificates.clientKeystore().toString(), "ssl.keystorePassword", TestCertificates.PASSWORD));
        // a server that demands a client certificate, and gets none
        provider(properties, "tls-no-client-cert", true, true, Map.of(
                "ssl.truststore", certificates.truststore().toString(), "ssl.truststorePassword", TestCertificates.PASSWORD));
        log = CapturedLog.capture();
        app = AppInstance.start(properties, MutableClock.at("2026-11-22T10:00:00Z"));
    }

    private static void provider(Map<String, String> properties, String id, boolean mutual, boolean tokenOverTls,
                                 Map<String, String> ssl) {
        FakeApi server = api(FakeApi.https(certificates.serverContext(), mutual));
        SERVERS.put(id, server);
        String prefix = "providers." + id + ".";
        properties.put(prefix + "kind", "oauth2-client-credentials");
        properties.put(prefix + "baseUrl", server.url("/api"));
        properties.put(prefix + "tokenUrl", (tokenOverTls ? server : plainTokens).url("/connect/token"));
        properties.put(prefix + "clientId", "tls-client");
        properties.put(prefix + "clientSecret", "tls-secret-5d2e");
        ssl.forEach((option, value) -> properties.put(prefix + option, value));
    }

    private static FakeApi api(FakeApi api) {
        return api.on("/connect/token", request -> new Reply(200,
                        "{\"access_token\": \"tls-token-e4\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}"))
                .on("/api/orders", request -> request.header("Authorization").equals("Bearer tls-token-e4")
                        ? new Reply(200, "{\"value\": []}") : new Reply(401, "{}"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        log.close();
        SERVERS.values().forEach(FakeApi::close);
        plainTokens.close();
        assertThat(log.text()).doesNotContain(TestCertificates.PASSWORD, "tls-secret-5d2e", "tls-token-e4");
    }

    @Test
    void callWhenTruststoreHoldsTheServersCaThenTokenRequestAndCallGoOverTls() {
        Exchange answer = app.call("tls-trusted", "orders");

        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        assertThat(SERVERS.get("tls-trusted").requests("/connect/token")).isEqualTo(1);
        assertThat(SERVERS.get("tls-trusted").requests("/api/orders")).isEqualTo(1);
    }

    @Test
    void callWhenNoTruststoreIsSetThenFailsNamingTheTruststoreProperty() {
        Exchange answer = app.call("tls-unset", "orders");

        assertThat(tlsFailure(answer)).hasMessageContaining("tls-unset: ")
                .hasMessageContaining("not signed by a CA the JVM trusts")
                .hasMessageContaining("set providers.tls-unset.ssl.truststore");
        assertThat(plainTokens.requests("/connect/token")).isEqualTo(1);
        assertThat(SERVERS.get("tls-unset").requests("/api/orders")).isZero();
    }

    @Test
    void tokenRequestWhenTruststoreHoldsAnotherCaThenFailsNamingTheTruststoreProperty() {
        Exchange answer = app.call("tls-other-ca", "orders");

        assertThat(answer.getException()).isInstanceOf(TokenEndpointUnavailableException.class);
        assertThat(tlsFailure(answer)).hasMessageContaining("is not signed by a CA in providers.tls-other-ca.ssl.truststore (")
                .hasMessageContaining(certificates.otherCaTruststore().toString());
        assertThat(SERVERS.get("tls-other-ca").requests("/connect/token")).isZero();
    }

    @Test
    void callWhenServerRequiresAClientCertificateThenTheKeystoresIsPresented() {
        Exchange answer = app.call("tls-mutual", "orders");

        assertThat(answer.getException()).isNull();
        assertThat(SERVERS.get("tls-mutual").requests("/connect/token")).isEqualTo(1);
        assertThat(SERVERS.get("tls-mutual").requests("/api/orders")).isEqualTo(1);
    }

    @Test
    void callWhenServerRequiresAClientCertificateAndNoKeystoreIsSetThenFailsNamingTheKeystoreProperty() {
        Exchange answer = app.call("tls-no-client-cert", "orders");

        assertThat(tlsFailure(answer)).hasMessageContaining("set providers.tls-no-client-cert.ssl.keystore and"
                + " providers.tls-no-client-cert.ssl.keystorePassword");
        assertThat(SERVERS.get("tls-no-client-cert").requests("/connect/token")).isZero();
    }

    @Test
    void httpsWhenConfiguredThroughCamelComponentHttpThenSharesItsTimeLimits() {
        HttpComponent https = app.context().getComponent("https", HttpComponent.class);

        assertThat(https).isSameAs(app.context().getComponent("http"));
        assertThat(https.getConnectTimeout()).isEqualTo(5000);
    }

    @Test
    void startWhenTruststorePasswordIsWrongThenRefusedNamingThePasswordProperty() {
        Map<String, String> properties = Map.of("sandbox.enabled", "false", "hawtio.enabled", "false",
                "camel.main.routes-include-pattern", "file:routes/auth/*.camel.yaml",
                "providers.tls-typo.kind", "oauth2-client-credentials", "providers.tls-typo.baseUrl", "https://127.0.0.1:9/api",
                "providers.tls-typo.tokenUrl", "https://127.0.0.1:9/connect/token",
                "providers.tls-typo.clientId", "c", "providers.tls-typo.clientSecret", "tls-secret-5d2e",
                "providers.tls-typo.ssl.truststore", certificates.truststore().toString(),
                "providers.tls-typo.ssl.truststorePassword", "not-the-password-81");

        assertThatThrownBy(() -> AppInstance.start(properties, MutableClock.at("2026-11-22T10:00:00Z")).close())
                .rootCause().hasMessageContaining("providers.tls-typo.ssl.truststore (")
                .hasMessageContaining("check providers.tls-typo.ssl.truststorePassword")
                .hasMessageNotContaining("not-the-password-81");
    }

    private static ProviderTlsException tlsFailure(Exchange answer) {
        ProviderTlsException failure = ObjectHelper.getException(ProviderTlsException.class, answer.getException());
        assertThat(failure).as("a TLS failure in %s", answer.getException()).isNotNull();
        return failure;
    }
}

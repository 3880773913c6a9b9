package io.authroutes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.testing.AppProcess;
import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret is masked whatever its source. Four yaVapteke accounts take their client secret from the
 * properties file, a JVM system property, an environment variable ({@code PROVIDERS_<ID>_CLIENTSECRET})
 * and an {@code {{env:...}}} placeholder. Their token endpoint refuses each one and repeats the secret
 * it got in its error text, so every failure carries it: the app, run as its own process with every
 * logger at TRACE except those the shipped log4j2.xml pins, must show none of them in its log, in the
 * exception messages its flows log, or in its MBeans.
 * <p>
 * An api-key account sends its key as a query parameter after the flow's own query, and flows give it
 * queries a URI cannot hold as they are (a line read with its newline, a NUL, CR/LF, spaces, non-ASCII
 * text, stray {@code %}): each call reaches the API with that query percent-encoded, and the key shows
 * nowhere, raw or encoded.
 */
class SecretsFromEverySourceTest {

    private static final Map<String, String> SECRET_BY_SOURCE = Map.of(
            "sfile", "file-v4lue-81f3c2", "ssysprop", "sysprop-v4lue-92a4d3",
            "senv", "env-v4lue-a3b5e4", "senvref", "envref-v4lue-b4c6f5");

    private static final String API_KEY = "k3y/v4lue+c5d7e6";
    /** A flow's query as the flow wrote it, and as the API must receive it, before the key. */
    private static final Map<String, String> QUERY_SENT_AS = Map.of(
            "line=from a file\n&page=2", "line=from%20a%20file%0A&page=2",
            "nul=a\u0000b", "nul=a%00b",
            "crlf=a\r\nX-Injected: 1", "crlf=a%0D%0AX-Injected:%201",
            "q=two words&sort=name asc", "q=two%20words&sort=name%20asc",
            "city=\u0141\u00f3d\u017a", "city=%C5%81%C3%B3d%C5%BA",
            "pct=100%&ok=%41&odd=%zz", "pct=100%25&ok=%41&odd=%25zz");
    private static final List<String> KEY_QUERIES = new CopyOnWriteArrayList<>();

    private static final FakeApi API = new FakeApi().on("/key/items", request -> {
        KEY_QUERIES.add(request.query());
        return new Reply(200, "{\"items\": []}");
    }).on("/yv/connect/token", request -> {
        Map<String, String> form = Arrays.stream(request.body().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
        return new Reply(400, "{\"error\": \"invalid_client\", \"error_description\": \"client_secret "
                + form.get("client_secret") + " is not valid for " + form.get("client_id") + "\"}");
    });

    @TempDir
    static Path dir;
    private static AppProcess app;

    @BeforeAll
    static void startTheAppWithASecretFromEachSource() throws Exception {
        StringBuilder config = new StringBuilder("""
                camel.main.name = authroutes
                camel.main.routes-include-pattern = file:routes/auth/*.camel.yaml,file:routes/flows/flow-errors.camel.yaml,file:%s
                camel.main.configuration-classes = io.authroutes.monitoring.MonitoringConfiguration,io.authroutes.sandbox.SandboxConfiguration
                camel.main.stream-caching-enabled = true
                camel.main.log-mask = true
                sandbox.enabled = false
                hawtio.enabled = false
                camel.management.enabled = false
                """.formatted(dir.resolve("calls.camel.yaml")));
        StringBuilder calls = new StringBuilder();
        for (String id : SECRET_BY_SOURCE.keySet()) {
            config.append("providers.").append(id).append(".kind = oauth2-client-credentials\n")
                    .append("providers.").append(id).append(".baseUrl = ").append(API.url("/yv/api/v1")).append('\n')
                    .append("providers.").append(id).append(".tokenUrl = ").append(API.url("/yv/connect/token")).append('\n')
                    .append("providers.").append(id).append(".clientId = client-").append(id).append('\n');
            calls.append("""
                    - route:
                        id: call-%1$s
                        routeConfigurationId: flow-errors
                        from:
                          uri: "timer:call-%1$s?repeatCount=1"
                          steps:
                            - to: direct:%1$s
                    """.formatted(id));
        }
        config.append("providers.skey.kind = api-key\n")
                .append("providers.skey.baseUrl = ").append(API.url("/key")).append('\n')
                .append("providers.skey.queryParameter = api_key\n");
        int n = 0;
        for (String query : QUERY_SENT_AS.keySet()) {
            calls.append("""
                    - route:
                        id: call-key-%1$d
                        from:
                          uri: "timer:call-key-%1$d?repeatCount=1"
                          steps:
                            - setHeader:
                                name: CamelHttpPath
                                constant: /items
                            - setHeader:
                                name: CamelHttpQuery
                                constant: "%2$s"
                            - to: direct:skey
                            - log: "call-key-%1$d answered ${header.CamelHttpResponseCode}"
                    """.formatted(++n, yamlEscaped(query)));
        }
        config.append("providers.sfile.clientSecret = ").append(SECRET_BY_SOURCE.get("sfile")).append('\n')
                .append("providers.senvref.clientSecret = {{env:SENVREF_SECRET}}\n");
        Files.writeString(dir.resolve("calls.camel.yaml"), calls);
        Files.writeString(dir.resolve("app.properties"), config);
        Files.writeString(dir.resolve("log4j2.xml"), Files.readString(Path.of("src/main/resources/log4j2.xml"))
                .replace("<Logger name=\"io.authroutes\" level=\"INFO\"/>", "<Logger name=\"io.authroutes\" level=\"TRACE\"/>")
                .replace("<Root level=\"INFO\">", "<Root level=\"TRACE\">"));

        app = AppProcess.start(dir.resolve("app.properties"),
                Map.of("log4j2.configurationFile", dir.resolve("log4j2.xml").toString(),
                        "providers.ssysprop.clientSecret", SECRET_BY_SOURCE.get("ssysprop")),
                Map.of("PROVIDERS_SENV_CLIENTSECRET", SECRET_BY_SOURCE.get("senv"), "PROVIDERS_SKEY_APIKEY", API_KEY,
                        "SENVREF_SECRET", SECRET_BY_SOURCE.get("senvref")));
        await().atMost(Duration.ofSeconds(150)).failFast("the app stopped", () -> app.exitCode(0) >= 0)
                .until(() -> SECRET_BY_SOURCE.keySet().stream()
                        .allMatch(id -> app.log().contains("call-" + id + ": " + id + ": the token endpoint refused"))
                        && keyCallsEnded() == QUERY_SENT_AS.size());
    }

    /** Key calls that answered, or that Camel's error handler gave up on. */
    private static int keyCallsEnded() {
        String log = app.log();
        return log.split("call-key-\\d+ answered \\d", -1).length - 1
                + log.split("Exhausted after delivery attempt", -1).length - 1;
    }

    /** A YAML double-quoted scalar holding {@code text} exactly, control characters included. */
    private static String yamlEscaped(String text) {
        StringBuilder escaped = new StringBuilder();
        text.codePoints().forEach(c -> escaped.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\'
                ? "\\U%08x".formatted(c) : Character.toString(c)));
        return escaped.toString();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        API.close();
    }

    @Test
    void everyTokenRequestCarriedItsSecretFromItsSource() {
        // the endpoint saw each secret: what follows is masking, not a secret that never arrived
        assertThat(API.requests("/yv/connect/token")).isGreaterThanOrEqualTo(SECRET_BY_SOURCE.size());
        SECRET_BY_SOURCE.keySet().forEach(id -> assertThat(app.log())
                .contains("call-" + id + ": " + id + ": the token endpoint refused the request (HTTP 400, invalid_client:"
                        + " client_secret *** is not valid for client-" + id + ")"));
    }

    @Test
    void traceLogAndExceptionMessagesShowNoSecretFromAnySource() {
        String log = app.log();

        assertThat(log).contains(" TRACE ").doesNotContain(SECRET_BY_SOURCE.values().toArray(String[]::new))
                .doesNotContain(API_KEY, URLEncoder.encode(API_KEY, StandardCharsets.UTF_8));
    }

    @Test
    void aFlowQueryAUriCannotHoldIsSentPercentEncodedBeforeTheKey() {
        String key = URLEncoder.encode(API_KEY, StandardCharsets.UTF_8);

        assertThat(KEY_QUERIES).containsExactlyInAnyOrderElementsOf(
                QUERY_SENT_AS.values().stream().map(query -> query + "&api_key=" + key).toList());
        for (int n = 1; n <= QUERY_SENT_AS.size(); n++) {
            assertThat(app.log()).contains("call-key-" + n + " answered 200");
        }
    }

@Test
    void mbeanAttributesShowNoSecretFromAnySource() throws Exception {
        List<String> attributes = app.mbeanAttributes("io.authroutes");

        assertThat(attributes).filteredOn(a -> a.contains("LastError=") && !a.contains("skey")).hasSize(SECRET_BY_SOURCE.size())
                .allSatisfy(a -> assertThat(a).contains("client_secret *** is not valid"));
        assertThat(String.join("\n", attributes)).doesNotContain(SECRET_BY_SOURCE.values().toArray(String[]::new))
                .doesNotContain(API_KEY, URLEncoder.encode(API_KEY, StandardCharsets.UTF_8));
    }
}

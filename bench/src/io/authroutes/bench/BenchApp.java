package io.authroutes.bench;

import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * One Camel context, started by Camel Main as the app starts, with the authroutes engine and one
 * provider of kind oauth2-client-credentials pointed at a fake provider, and camel-http for the two other ways.
 * Each client id is new, so every app starts cold, camel-http's JVM-wide token cache included.
 */
final class BenchApp implements AutoCloseable {

    static final String PROVIDER = "bench";

    private final Main main = new Main();
    private final RemoteFake fake;
    private final String round;
    private final ProducerTemplate template;

    BenchApp(RemoteFake fake, String round, int callers) throws Exception {
        this(fake, round, callers, new Properties());
    }

    /** {@code extra} on top of the shipped settings, e.g. the token store of several instances. */
    BenchApp(RemoteFake fake, String round, int callers, Properties extra) throws Exception {
        this.fake = fake;
        this.round = round;
        Properties p = new Properties();
        p.setProperty("camel.main.name", "bench");
        p.setProperty("camel.main.stream-caching-enabled", "true");
        p.setProperty("camel.main.jmx-enabled", "false");
        p.setProperty("camel.main.producer-template-cache-size", "10");
        // as application.properties ships them
        p.setProperty("camel.component.http.connect-timeout", "5000");
        p.setProperty("camel.component.http.connection-request-timeout", "5000");
        p.setProperty("camel.component.http.response-timeout", "30000");
        // the same connection pool for every way: one connection per caller
        p.setProperty("camel.component.http.max-total-connections", String.valueOf(Math.max(200, callers * 2)));
        p.setProperty("camel.component.http.connections-per-route", String.valueOf(Math.max(20, callers)));
        p.putAll(provider(fake, PROVIDER, clientId(Way.AUTHROUTES)));
        p.putAll(extra);
        main.setInitialProperties(p);
        main.start();
        template = context().createProducerTemplate();
        template.start();
    }

    /** The properties block of a provider {@code id} of kind oauth2-client-credentials at the fake, as client {@code clientId}. */
    static Properties provider(RemoteFake fake, String id, String clientId) {
        Properties p = new Properties();
        p.setProperty("providers." + id + ".kind", "oauth2-client-credentials");
        p.setProperty("providers." + id + ".baseUrl", fake.apiUrl());
        p.setProperty("providers." + id + ".tokenUrl", fake.tokenUrl());
        p.setProperty("providers." + id + ".clientId", clientId);
        p.setProperty("providers." + id + ".clientSecret", FakeProvider.SECRET);
        return p;
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    String clientId(Way way) {
        return way.name().toLowerCase() + "-" + round;
    }

    Way.Target target(Way way) {
        String orders = fake.apiUrl() + "/orders";
        return switch (way) {
            case AUTHROUTES -> new Way.Target(way, "direct:" + PROVIDER, null, clientId(way));
            case STATIC, STATIC_ENUM -> new Way.Target(way, orders + "?throwExceptionOnFailure=false",
                    "Bearer " + fake.staticToken(), "static");
            case CAMEL_OAUTH2 -> new Way.Target(way, orders + "?throwExceptionOnFailure=false&oauth2ClientId="
                    + clientId(way) + "&oauth2ClientSecret=RAW(" + FakeProvider.SECRET + ")&oauth2TokenEndpoint="
                    + fake.tokenUrl() + "&oauth2CacheTokens=true", null, clientId(way));
        };
    }

    ProducerTemplate template() {
        return template;
    }

    @Override
    public void close() throws Exception {
        template.stop();
        main.stop();
    }
}

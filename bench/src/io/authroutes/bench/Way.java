package io.authroutes.bench;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpMethods;

/** The three ways a flow can call the fake provider's API from the same Camel context. */
enum Way {
    /** authroutes: {@code to: direct:<id>} of a provider of kind yavapteke (OAuth2 client credentials). */
    AUTHROUTES("authroutes"),
    /** camel-http with its own OAuth2 client credentials and token cache. */
    CAMEL_OAUTH2("camel-http OAuth2"),
    /** camel-http with a fixed {@code Authorization} header: no token handling at all, the baseline. */
    STATIC("static header"),
    /** The baseline with {@code CamelHttpMethod} set as camel-http's {@link HttpMethods} enum rather than a String. */
    STATIC_ENUM("static header, method as enum");

    private static final java.util.Map<Way, String> FIRST_FAILURE = new java.util.concurrent.ConcurrentHashMap<>();

    final String title;

    Way(String title) {
        this.title = title;
    }

    /** One call: true when the API answered 200. */
    static boolean call(ProducerTemplate template, Target target) {
        Exchange done = template.send(target.uri(), e -> {
            // as a flow sets it (YAML's setHeader gives a String), but for the one way that shows the enum's effect
            e.getMessage().setHeader(Exchange.HTTP_METHOD, target.way() == STATIC_ENUM ? HttpMethods.GET : "GET");
            if (target.way() == AUTHROUTES) {
                e.getMessage().setHeader(Exchange.HTTP_PATH, "orders");
            }
            if (target.authorization() != null) {
                e.getMessage().setHeader("Authorization", target.authorization());
            }
        });
        boolean ok = done.getException() == null
                && Integer.valueOf(200).equals(done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
        if (!ok && FIRST_FAILURE.putIfAbsent(target.way(), "") == null) {
            System.out.println("    first failed call of " + target.way().title + ": " + (done.getException() == null
                    ? "HTTP " + done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE) : chain(done.getException())));
        }
        return ok;
    }

    private static String chain(Throwable failure) {
        StringBuilder causes = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            causes.append(" <- ").append(cause);
        }
        return causes.toString();
    }

    /** Where a way sends its calls, and the client id its tokens are counted under at the fake. */
    record Target(Way way, String uri, String authorization, String clientId) {
    }
}

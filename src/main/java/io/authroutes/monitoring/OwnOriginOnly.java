package io.authroutes.monitoring;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Hawtio answers its own pages only. Any web page an operator opens can send requests to the console
 * (with the operator's session, or to a loopback console without a login), and Jolokia 2.1 inside the
 * war would run them: its access policy cannot name "the console's own origin" (its {@code <allow-origin>}
 * patterns are fixed, the console's host and port are not). So the console refuses a request whose
 * {@code Origin} (RFC 6454 section 7.2; browsers send it with every POST and every script request) is not
 * the host and port the request was sent to. A GET without Origin (an image, a link) can only read:
 * {@code jolokia-access.xml} takes Jolokia requests by POST.
 */
final class OwnOriginOnly extends Handler.Wrapper {

    OwnOriginOnly(Handler console) {
        super(console);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin(request, origin))) {
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "Requests from other origins are refused");
            return true;
        }
        return super.handle(request, response, callback);
    }

    /**
     * The origin of a page served by the host and port this request was sent to ({@code Host}), in the
     * scheme the browser gave: behind a proxy that ends TLS, Jetty sees http while the page is https.
     */
    private static String ownOrigin(Request request, String origin) {
        int scheme = origin.indexOf("://");
        String host = request.getHeaders().get(HttpHeader.HOST);
        return scheme < 0 || host == null ? null : origin.substring(0, scheme + 3) + host;
    }
}

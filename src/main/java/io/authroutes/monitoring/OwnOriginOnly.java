package io.authroutes.monitoring;

import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Hawtio answers its own pages only. Any web page an operator opens can send requests to the console
 * (with the operator's session, or to a loopback console without a login), and Jolokia 2.1 inside the
 * war would run them and echo the page's Origin with credentials allowed. Its access policy cannot say
 * "the console's own origin" (its {@code <allow-origin>} patterns are fixed, the console's host and port
 * are not, and {@code <strict-checking/>} also refuses every script that sends no Origin), and its
 * {@code <http>} rule applies to every request type, reads included, which Hawtio 4.2 sends by GET to
 * find its Jolokia. So the console refuses here:
 * <ul>
 *   <li>a request whose {@code Origin} (RFC 6454 section 7.2; browsers send it with every POST and every
 *       script request) is not the host and port the request was sent to;</li>
 *   <li>a Jolokia request by GET other than a read: an image or a link from another page sends a GET with
 *       no Origin, so operations and writes go by POST, as Hawtio sends them.</li>
 * </ul>
 */
final class OwnOriginOnly extends Handler.Wrapper {

    /** Jolokia's request types that change nothing (Jolokia protocol, GET requests). */
    private static final Set<String> READS = Set.of("", "version", "read", "list", "search");

    private final String jolokiaPath;

    OwnOriginOnly(String jolokiaPath, Handler console) {
        super(console);
        this.jolokiaPath = jolokiaPath;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin(request, origin))) {
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "Requests from other origins are refused");
            return true;
        }
        if (isJolokia(request) && !HttpMethod.POST.is(request.getMethod()) && !READS.contains(jolokiaType(request))) {
            response.getHeaders().put(HttpHeader.ALLOW, HttpMethod.POST.asString());
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "Jolokia operations and writes go by POST");
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

    private boolean isJolokia(Request request) {
        String path = Request.getPathInContext(request);
        return path.equals(jolokiaPath) || path.startsWith(jolokiaPath + "/");
    }

    /** The type of a GET request: the first segment of its path, or of its {@code p} parameter. */
    private String jolokiaType(Request request) {
        String path = Request.extractQueryParameters(request).getValue("p");
        if (path == null) {
            path = Request.getPathInContext(request).substring(jolokiaPath.length());
        }
        String segments = path.startsWith("/") ? path.substring(1) : path;
        int end = segments.indexOf('/');
        return (end < 0 ? segments : segments.substring(0, end)).toLowerCase(Locale.ROOT);
    }
}

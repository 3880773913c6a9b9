package io.authroutes.bench;

/**
 * One fake provider in the fake providers' JVM: where to call it, and what reached it.
 * Closing it stops its servers.
 */
final class RemoteFake implements AutoCloseable {

    private final FakeProviderJvm jvm;
    private final String id;
    private final int apiPort;
    private final int tokenPort;

    RemoteFake(FakeProviderJvm jvm, String id, int apiPort, int tokenPort) {
        this.jvm = jvm;
        this.id = id;
        this.apiPort = apiPort;
        this.tokenPort = tokenPort;
    }

    String apiUrl() {
        return "http://127.0.0.1:" + apiPort + "/api";
    }

    String tokenUrl() {
        return "http://127.0.0.1:" + tokenPort + "/connect/token";
    }

    int apiPort() {
        return apiPort;
    }

    int tokenPort() {
        return tokenPort;
    }

    /** A token that never expires, for the static-header baseline. */
    String staticToken() {
        return jvm.ask("static-token " + id);
    }

    int tokenRequests(String clientId) {
        return count(clientId, 0);
    }

    int unauthorized(String clientId) {
        return count(clientId, 1);
    }

    /** How many revocations this fake made, of one client's tokens or of all. */
    int revocations() {
        return Integer.parseInt(jvm.ask("revocations " + id));
    }

    private int count(String clientId, int which) {
        return Integer.parseInt(jvm.ask("counts " + id + " " + clientId).split(" ")[which]);
    }

    /** Every issued token (but the static one) is refused from now on. */
    void revokeAll() {
        jvm.ask("revoke-all " + id);
    }

    /** The tokens of one client are refused from now on, as a password change or an operator would do. */
    void revoke(String clientId) {
        jvm.ask("revoke " + id + " " + clientId);
    }

    /** Forgets tokens that expired a minute ago or more, so a long run measures the app's memory, not the fake's. */
    void forgetExpired() {
        jvm.ask("forget-expired " + id);
    }

    @Override
    public void close() {
        jvm.ask("close " + id);
    }
}

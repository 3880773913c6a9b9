package io.authroutes.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox's chance revocations never reject two calls in a row, so one re-authentication always heals a call. */
class ChanceRevocationTest {

    private final Sandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    ChanceRevocationTest() throws Exception {
        sandbox = Sandbox.start(new SandboxSettings(0, Duration.ofMinutes(10), 1.0), MutableClock.at("2026-11-22T10:00:00Z"));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void callsWhenEveryCallWouldBeRevokedThenTheCallAfterARevocationIsHonoured() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            statuses.add(orders(token()));
        }

        assertThat(statuses).containsExactly(401, 200, 401, 200, 401, 200);
    }

    private String token() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(sandbox.baseUri().resolve("/yavapteke/connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + YaVaptekeSimulator.CLIENT_ID
                        + "&client_secret=" + YaVaptekeSimulator.CLIENT_SECRET)).build(), HttpResponse.BodyHandlers.ofString());
        return answer.body().replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private int orders(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/yavapteke/api/v1/orders"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

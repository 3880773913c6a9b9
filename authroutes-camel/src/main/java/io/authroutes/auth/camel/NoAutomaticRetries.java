package io.authroutes.auth.camel;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Turns off Apache HttpClient's own retries (it silently repeats a 503 or 429 after a pause). The
 * engine's retry, backoff and cooldown (providers.<id>.tokenRetry*) are then the only ones, and a
 * provider sees exactly the requests they describe.
 */
class NoAutomaticRetries implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
    }
}

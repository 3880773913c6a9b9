package io.authroutes.auth.store;

import static io.authroutes.auth.store.TestStores.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.testing.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which instance is the last to leave, and so revokes the shared token. */
class MembershipTest {

    @RegisterExtension
    static final RedisServer REDIS = RedisServer.open();

    private final TestStores stores = new TestStores(REDIS.uri()).with("authroutes.store.heartbeat", "600ms");

    @AfterEach
    void stop() {
        stores.close();
    }

    @Test
    void leaveWhenAnotherInstanceIsLiveThenNotLast() {
        RedisTokenStore leaving = stores.instance();
        RedisTokenStore staying = stores.instance();
        leaving.join(ACCOUNT);
        staying.join(ACCOUNT);

        assertThat(leaving.leave(ACCOUNT)).isFalse();
        assertThat(staying.leave(ACCOUNT)).isTrue();
    }

    @Test
    void instancesWhileHeartbeatingThenStayLivePastTheHeartbeatPeriod() {
        RedisTokenStore first = stores.instance();
        RedisTokenStore second = stores.instance();
        first.join(ACCOUNT);
        second.join(ACCOUNT);

        await().during(Duration.ofMillis(1800)).atMost(Duration.ofSeconds(5)).until(() -> first.instances(ACCOUNT) == 2);
    }

    @Test
    void leaveWhenTheOtherInstanceStoppedHeartbeatingThenLastOnceItsHeartbeatRunsOut() {
        RedisTokenStore died = stores.instance();
        RedisTokenStore survivor = stores.instance();
        died.join(ACCOUNT);
        survivor.join(ACCOUNT);

        died.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> survivor.instances(ACCOUNT) == 1);
        assertThat(survivor.leave(ACCOUNT)).isTrue();
    }

    @Test
    void leaveWhenTheLastTwoLeaveThenExactlyOneRevokes() {
        RedisTokenStore first = stores.instance();
        RedisTokenStore second = stores.instance();
        first.join(ACCOUNT);
        second.join(ACCOUNT);

        boolean firstLast = first.leave(ACCOUNT);
        boolean secondLast = second.leave(ACCOUNT);

        assertThat(firstLast ^ secondLast).as("exactly one of them revokes").isTrue();
    }
}

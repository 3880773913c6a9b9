package io.authroutes.auth.store;

import static io.authroutes.auth.store.TestStores.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.authroutes.auth.SharedAccount;
import io.authroutes.auth.StoreFallback;
import io.authroutes.auth.TokenStore.FlightLimits;
import io.authroutes.auth.TokenStoreUnavailableException;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.RedisServer;
import io.lettuce.core.AclSetuserArgs;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Redis user with rights on the keys but none on channels (Redis 7's default for a new user): the store
 * cannot work without its event channel, so it says which right is missing, once, and leaves no connection open.
 */
class RedisPermissionsTest {

    @RegisterExtension
    static final RedisServer REDIS = RedisServer.open();
    private static final String USER = "authroutes-app";
    private static final String PASSWORD = "acl-pa55word";

    private final TestStores stores = new TestStores(REDIS.uri())
            .withEnv(RedisStoreSettings.USERNAME_ENV, USER).withEnv(RedisStoreSettings.PASSWORD_ENV, PASSWORD);
    private final RawRedis admin = new RawRedis(REDIS.uri());

    @BeforeEach
    void createUserWithoutChannels() {
        admin.commands().aclSetuser(USER,
                AclSetuserArgs.Builder.reset().on().addPassword(PASSWORD).allKeys().allCommands().resetChannels());
    }

    @AfterEach
    void stop() {
        stores.close();
        admin.commands().aclDeluser(USER);
        admin.close();
    }

    @Test
    void subscribeRefusedThenEachAttemptClosesItsConnectionAndNamesTheMissingChannel() {
        RedisTokenStore store = stores.instance();

        for (int attempt = 0; attempt < 40; attempt++) {
            assertThatThrownBy(() -> store.shared(ACCOUNT)).isInstanceOf(TokenStoreUnavailableException.class)
                    .hasMessageContaining("refuses " + USER + " the channel " + stores.prefix + ":events")
                    .hasMessageContaining("ACL SETUSER " + USER + " &" + stores.prefix + ":events")
                    .hasMessageNotContaining(PASSWORD);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> connectionsOf(USER) == 0);
    }

    @Test
    void subscribeRefusedOnEveryAttemptThenOneWarnLine() {
        try (CapturedLog log = CapturedLog.capture()) {
            SharedAccount account = new SharedAccount(new StoreFallback(stores.instance(), "redis", Duration.ZERO), ACCOUNT,
                    FlightLimits.forTokenTimeout(Duration.ofSeconds(5)), Clock.systemUTC());

            for (int attempt = 0; attempt < 40; attempt++) {
                assertThat(account.instances()).as("this instance goes on alone").isEqualTo(1);
            }

            assertThat(log.text().split("ACL SETUSER " + USER + " &" + stores.prefix + ":events", -1)).hasSize(2);
            assertThat(log.text()).doesNotContain("did not answer");
        }
        assertThat(connectionsOf(USER)).isLessThanOrEqualTo(1);
    }

    private long connectionsOf(String user) {
        String clients = admin.commands().clientList();
        return Arrays.stream(clients.split("\n")).filter(line -> line.contains(" user=" + user + " ")).count();
    }
}

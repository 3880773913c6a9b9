package io.authroutes.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authroutes.auth.LocalTokenStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisStoreSettingsTest {

    private final TestStores stores = new TestStores("redis://127.0.0.1:6390");

    @Test
    void loadWhenEncryptionKeyMissingThenErrorNamesTheProperty() {
        stores.with(RedisStoreSettings.KEY_PROPERTY, " ");

        assertThatThrownBy(stores::settings).isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("authroutes.store.encryptionKey is missing")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void loadWhenEncryptionKeyIsNotBase64ThenErrorNamesThePropertyWithoutTheValue() {
        stores.with(RedisStoreSettings.KEY_PROPERTY, "not*base64*secret-material");

        assertThatThrownBy(stores::settings).isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("authroutes.store.encryptionKey is not base64")
                .hasMessageNotContaining("secret-material");
    }

    @Test
    void loadWhenEncryptionKeyIsNot256BitsThenErrorSaysTheLength() {
        stores.with(RedisStoreSettings.KEY_PROPERTY, "c2l4dGVlbi1ieXRlLWtleQ==");

        assertThatThrownBy(stores::settings).hasMessageStartingWith("authroutes.store.encryptionKey decodes to 16 bytes");
    }

    @Test
    void loadWhenUriIsNotRedisThenErrorNamesThePropertyAndMasksThePassword() {
        stores.with(RedisStoreSettings.URI_PROPERTY, "http://app:hunter22@cache.internal:6379");

        assertThatThrownBy(stores::settings).isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("authroutes.store.redis.uri must be redis://")
                .hasMessageContaining("http://***@cache.internal:6379")
                .hasMessageNotContaining("hunter22");
    }

    @Test
    void loadWhenUriIsMissingThenErrorNamesTheProperty() {
        stores.with(RedisStoreSettings.URI_PROPERTY, null);

        assertThatThrownBy(stores::settings).hasMessageStartingWith("authroutes.store.redis.uri is missing");
    }

    @Test
    void loadWhenUriCarriesCredentialsThenTheyAreKeptOutOfTheUriAndTheDescription() {
        stores.with(RedisStoreSettings.URI_PROPERTY, "rediss://app:hunter22@cache.internal:6380/2");

        RedisStoreSettings settings = stores.settings();

        assertThat(settings.uri()).hasToString("rediss://cache.internal:6380/2");
        assertThat(settings.username()).isEqualTo("app");
        assertThat(settings.password()).isEqualTo("hunter22");
        assertThat(settings.toString()).doesNotContain("hunter22").contains("password set");
    }

    @Test
    void loadWhenUriNamesSentinelsThenSentinelModeWithCredentialsKeptOut() {
        stores.with(RedisStoreSettings.URI_PROPERTY,
                "rediss-sentinel://app:hunter22@s1.internal:26379,s2.internal:26379/0?sentinelMasterId=tokens");

        RedisStoreSettings settings = stores.settings();

        assertThat(settings.mode()).isEqualTo(RedisStoreSettings.Mode.SENTINEL);
        assertThat(settings.uri()).isEqualTo("rediss-sentinel://s1.internal:26379,s2.internal:26379/0?sentinelMasterId=tokens");
        assertThat(settings.password()).isEqualTo("hunter22");
    }

    @Test
    void loadWhenSentinelUriHasNoPrimaryNameThenErrorSaysWhatToAdd() {
        stores.with(RedisStoreSettings.URI_PROPERTY, "redis-sentinel://app:hunter22@s1.internal:26379,s2.internal:26379");

        assertThatThrownBy(stores::settings).hasMessageStartingWith("authroutes.store.redis.uri names sentinels but no primary")
                .hasMessageContaining("?sentinelMasterId=").hasMessageNotContaining("hunter22");
    }

    @Test
    void loadWhenClusterModeThenSeedNodesKept() {
        stores.with(RedisStoreSettings.URI_PROPERTY, "redis://n1.internal:7000,n2.internal:7001")
                .with(RedisStoreSettings.MODE_PROPERTY, "cluster");

        RedisStoreSettings settings = stores.settings();

        assertThat(settings.mode()).isEqualTo(RedisStoreSettings.Mode.CLUSTER);
        assertThat(settings.uri()).isEqualTo("redis://n1.internal:7000,n2.internal:7001");
    }

    @Test
    void loadWhenSeveralHostsWithoutClusterModeThenErrorNamesTheModeProperty() {
        stores.with(RedisStoreSettings.URI_PROPERTY, "redis://n1.internal:7000,n2.internal:7001");

        assertThatThrownBy(stores::settings).hasMessageStartingWith("authroutes.store.redis.uri names several hosts")
                .hasMessageContaining("authroutes.store.redis.mode=cluster");
    }

    @Test
    void loadWhenModeIsUnknownThenErrorNamesTheChoices() {
        stores.with(RedisStoreSettings.MODE_PROPERTY, "replicated");

        assertThatThrownBy(stores::settings).hasMessageStartingWith("authroutes.store.redis.mode is 'replicated'; use standalone");
    }

    @Test
    void loadWhenEnvironmentHoldsCredentialsThenTheyWinOverTheUri() {
        stores.with(RedisStoreSettings.URI_PROPERTY, "redis://app:old@cache.internal:6379")
                .withEnv(RedisStoreSettings.USERNAME_ENV, "ops").withEnv(RedisStoreSettings.PASSWORD_ENV, "rotated");

        RedisStoreSettings settings = stores.settings();

        assertThat(settings.username()).isEqualTo("ops");
        assertThat(settings.password()).isEqualTo("rotated");
    }

    @Test
    void loadWhenPrefixHasASeparatorThenErrorNamesTheProperty() {
        stores.with(RedisStoreSettings.PREFIX_PROPERTY, "app:blue");

        assertThatThrownBy(stores::settings).hasMessageStartingWith("authroutes.store.prefix may hold only");
    }

    @Test
    void loadWhenTimeoutIsNotADurationThenErrorNamesTheProperty() {
        stores.with("authroutes.store.redis.timeout", "soon");

        assertThatThrownBy(stores::settings).hasMessageStartingWith("authroutes.store.redis.timeout must be a positive duration");
    }

    @Test
    void openWhenStoreIsNotSetThenLocal() {
        assertThat(TokenStores.open(key -> Optional.empty(), Map.of(), Clock.systemUTC()))
                .isInstanceOf(LocalTokenStore.class);
    }

    @Test
    void openWhenStoreIsUnknownThenErrorNamesTheChoices() {
        assertThatThrownBy(() -> TokenStores.open(key -> Optional.of("memcached"), Map.of(), Clock.systemUTC()))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("authroutes.store is 'memcached'; use local")
                .hasMessageContaining("redis");
    }
}

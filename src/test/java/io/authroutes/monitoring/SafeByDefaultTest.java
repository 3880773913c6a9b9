package io.authroutes.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Hawtio and the management endpoints stay on this machine unless credentials guard them. */
class SafeByDefaultTest {

    private static final String USERS = "src/test/resources/hawtio-users.properties";

    @Test
    void theShippedConfigurationListensOnLoopbackOnly() throws Exception {
        Properties shipped = new Properties();
        try (var in = Files.newInputStream(Path.of("application.properties"))) {
            shipped.load(in);
        }
        assertThat(shipped.getProperty("hawtio.host")).isEqualTo("127.0.0.1");
        assertThat(shipped.getProperty("camel.management.host")).isEqualTo("127.0.0.1");
        assertThat(shipped.getProperty("hawtio.authenticationEnabled")).isEqualTo("false");
    }

    @Test
    void hawtioOnTheNetworkWithoutCredentialsIsRefusedWithWhatToSet() {
        assertThatThrownBy(() -> configure("hawtio.host", "0.0.0.0"))
                .isInstanceOf(UnsafeExposureException.class)
                .hasMessageContaining("Hawtio would listen on 0.0.0.0 without authentication")
                .hasMessageContaining("hawtio.authenticationEnabled=true")
                .hasMessageContaining("hawtio.realmFile=")
                .hasMessageContaining("hawtio.host=127.0.0.1");
    }

    @Test
    void hawtioOnTheNetworkWithLoginSwitchedOffButARealmIsStillRefused() {
        assertThatThrownBy(() -> configure("hawtio.host", "0.0.0.0", "hawtio.realmFile", USERS))
                .isInstanceOf(UnsafeExposureException.class);
    }

    @Test
    void hawtioOnTheNetworkWithARealmIsAccepted() {
        assertThatCode(() -> configure("hawtio.host", "0.0.0.0", "hawtio.authenticationEnabled", "true",
                "hawtio.realmFile", USERS)).doesNotThrowAnyException();
    }

    @Test
    void loginSwitchedOnWithoutARealmIsRefusedBecauseNoOneCouldLogIn() {
        assertThatThrownBy(() -> configure("hawtio.authenticationEnabled", "true"))
                .hasMessageContaining("no one could log in")
                .hasMessageContaining("hawtio.realmFile=");
    }

    @Test
    void aRealmFileThatCannotBeReadIsRefused() {
        assertThatThrownBy(() -> configure("hawtio.authenticationEnabled", "true", "hawtio.realmFile", "no/such/users.properties"))
                .hasMessageContaining("hawtio.realmFile=no/such/users.properties cannot be read");
    }

    @Test
    void aHawtioPortThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> configure("hawtio.port", "eighty"))
                .hasMessage("hawtio.port=eighty is not a port: use 1-65535, or 0 for any free port");
    }

    @Test
    void managementEndpointsOnTheNetworkWithoutCredentialsAreRefusedWithWhatToSet() {
        assertThatThrownBy(() -> configure("camel.management.enabled", "true", "camel.management.host", "0.0.0.0"))
                .isInstanceOf(UnsafeExposureException.class)
                .hasMessageContaining("management server")
                .hasMessageContaining("camel.management.authenticationEnabled=true")
                .hasMessageContaining("camel.management.basicPropertiesFile=");
    }

    @Test
    void managementEndpointsLeftAtCamelsDefaultHostCountAsExposed() {
        assertThatThrownBy(() -> configure("camel.management.enabled", "true"))
                .isInstanceOf(UnsafeExposureException.class)
                .hasMessageContaining("0.0.0.0");
    }

    @Test
    void managementEndpointsOnTheNetworkWithBasicAuthenticationAreAccepted() {
        assertThatCode(() -> configure("camel.management.enabled", "true", "camel.management.host", "0.0.0.0",
                "camel.management.authenticationEnabled", "true", "camel.management.basicPropertiesFile", USERS))
                .doesNotThrowAnyException();
    }

    @Test
    void healthProbesOnTheNetworkWithoutCredentialsAreAcceptedWhileTheManagementServerStaysGuarded() {
        assertThatCode(() -> configure("probes.enabled", "true", "probes.host", "0.0.0.0", "probes.port", "0",
                "camel.management.enabled", "true", "camel.management.host", "127.0.0.1"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> configure("probes.enabled", "true", "probes.host", "0.0.0.0",
                "camel.management.enabled", "true", "camel.management.host", "0.0.0.0"))
                .isInstanceOf(UnsafeExposureException.class);
    }

    @Test
    void aProbesPortThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> configure("probes.enabled", "true", "probes.port", "ready"))
                .hasMessage("probes.port=ready is not a port: use 1-65535, or 0 for any free port");
    }

    /** Runs the start-up step against a context configured with {@code overrides} alone. */
    private static void configure(String... overrides) throws Exception {
        Properties properties = new Properties();
        for (int i = 0; i < overrides.length; i += 2) {
            properties.setProperty(overrides[i], overrides[i + 1]);
        }
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setInitialProperties(properties);
            new MonitoringConfiguration().configure(context);
        }
    }
}

package io.authroutes.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the Hawtio war is laid out for Jetty. */
class HawtioWarTest {

    @TempDir
    Path target;

    @Test
    void theWarsLoggingJarsAreLeftOutAndEverythingElseKept() throws IOException {
        HawtioWar.unpack(war("index.html", "WEB-INF/web.xml", "WEB-INF/lib/hawtio-system-4.2.0.jar",
                "WEB-INF/lib/jolokia-server-core-2.1.1.jar", "WEB-INF/lib/log4j-core-2.24.1.jar",
                "WEB-INF/lib/slf4j-api-2.0.11.jar"), target);

        assertThat(target.resolve("index.html")).exists();
        assertThat(target.resolve("WEB-INF/web.xml")).exists();
        assertThat(target.resolve("WEB-INF/lib/hawtio-system-4.2.0.jar")).exists();
        assertThat(target.resolve("WEB-INF/lib/jolokia-server-core-2.1.1.jar")).as("Hawtio 4.2 needs its own Jolokia").exists();
        assertThat(target.resolve("WEB-INF/lib/log4j-core-2.24.1.jar")).doesNotExist();
        assertThat(target.resolve("WEB-INF/lib/slf4j-api-2.0.11.jar")).doesNotExist();
    }

    @Test
    void anEntryPointingOutsideTheDirectoryIsRefused() throws IOException {
        assertThatThrownBy(() -> HawtioWar.unpack(war("../escaped.txt"), target))
                .hasMessageContaining("points outside");
        assertThat(target.resolveSibling("escaped.txt")).doesNotExist();
    }

    @Test
    void theShippedWarIsOnTheClasspath() throws IOException {
        Path unpacked = HawtioWar.unpack();
        try {
            assertThat(unpacked.resolve("WEB-INF/web.xml")).exists();
            assertThat(unpacked.resolve("index.html")).exists();
        } finally {
            HawtioWar.delete(unpacked);
        }
        assertThat(unpacked).doesNotExist();
    }

    private static ByteArrayInputStream war(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(entry.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}

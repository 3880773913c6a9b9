package io.authroutes.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
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

    @Test
    void theSourceEditorIsServedByTheConsoleAndTheBundleNoLongerNamesTheCdn() throws IOException {
        HawtioWar.unpack(zip(Map.of("static/js/240.chunk.js", "var e={paths:{vs:\"" + HawtioWar.EDITOR_CDN + "\"}};",
                "static/js/main.js", "render()")), target);

        HawtioWar.serveEditor(target, zip(Map.of("vs/loader.js", "define()", "vs/editor/editor.main.js", "editor()")), "/hawtio");

        assertThat(target.resolve("static/js/240.chunk.js")).hasContent("var e={paths:{vs:\"/hawtio/static/monaco-editor/vs\"}};");
        assertThat(target.resolve("static/js/main.js")).hasContent("render()");
        assertThat(target.resolve("static/monaco-editor/vs/loader.js")).hasContent("define()");
        assertThat(target.resolve("static/monaco-editor/vs/editor/editor.main.js")).exists();
    }

    @Test
    void aHawtioThatLoadsItsEditorFromElsewhereIsReportedWithWhatToUpdate() throws IOException {
        HawtioWar.unpack(zip(Map.of("static/js/240.chunk.js", "var e={paths:{vs:\"https://cdn.example/monaco-editor@0.52.0/min/vs\"}};")), target);

        assertThatThrownBy(() -> HawtioWar.serveEditor(target, zip(Map.of("vs/loader.js", "define()")), "/hawtio"))
                .hasMessageContaining("Hawtio's version changed").hasMessageContaining("HawtioWar.EDITOR_CDN");
    }

    @Test
    void theShippedWarLoadsTheShippedEditorAndNothingFromTheCdn() throws IOException {
        if (HawtioWar.class.getClassLoader().getResource(HawtioWar.EDITOR) == null) {
            String missing = HawtioWar.EDITOR + " was not built: src/build/hawtio-editor.sh needs npm and the npm registry";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(missing);
            }
            Assumptions.abort(missing);
        }
        Path unpacked = HawtioWar.unpack();
        try {
            assertThat(HawtioWar.serveEditor(unpacked, "/hawtio")).isTrue();
            assertThat(unpacked.resolve("static/monaco-editor/vs/loader.js")).isNotEmptyFile();
            assertThat(unpacked.resolve("static/monaco-editor/vs/editor/editor.main.js")).isNotEmptyFile();
            assertThat(unpacked.resolve("static/monaco-editor/vs/basic-languages/xml/xml.js")).isNotEmptyFile();
            try (var scripts = Files.list(unpacked.resolve("static/js"))) {
                assertThat(scripts.filter(script -> content(script).contains("cdn.jsdelivr.net"))).isEmpty();
            }
        } finally {
            HawtioWar.delete(unpacked);
        }
    }

    private static String content(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A war whose entries hold their own names. */
    private static ByteArrayInputStream war(String... entries) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String entry : entries) {
            files.put(entry, entry);
        }
        return zip(files);
    }

    private static ByteArrayInputStream zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}

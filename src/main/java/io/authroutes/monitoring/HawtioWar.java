package io.authroutes.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Hawtio web app, shipped as the classpath resource {@code hawtio/hawtio.war} and unpacked into a
 * directory for Jetty to serve.
 */
final class HawtioWar {

    static final String RESOURCE = "hawtio/hawtio.war";
    /**
     * Jars of the war that the app provides itself: the war's own logging would split Hawtio's log away
     * from the app's log4j2.xml and its caps on loggers that print secrets. (Its Jolokia stays: Hawtio
     * 4.2.0 needs the 2.1 API, and the app brings no other.)
     */
    static final Pattern PROVIDED_BY_APP = Pattern.compile("WEB-INF/lib/(log4j|slf4j)-[^/]*\\.jar");
    /** Hawtio's Source editor (monaco-editor's min/vs), packed at build time by src/build/hawtio-editor.sh. */
    static final String EDITOR = "hawtio/editor.zip";
    /** Where Hawtio 4.2.0's bundle loads that editor from (compiled into one of its static/js chunks). */
    static final String EDITOR_CDN = "https://cdn.jsdelivr.net/npm/monaco-editor@0.43.0/min/vs";
    /**
     * Where the console serves it instead, under its context path: below static/, which Hawtio serves as files
     * with or without a login (its ClientRouteRedirectFilter answers other paths with index.html).
     */
    static final String EDITOR_DIRECTORY = "static/monaco-editor";

    private HawtioWar() {
    }

    /** Unpacks the war into a new temporary directory, leaving out the jars the app provides. */
    static Path unpack() throws IOException {
        Path target = Files.createTempDirectory("authroutes-hawtio-");
        try (InputStream war = HawtioWar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (war == null) {
                throw new IOException(RESOURCE + " is not on the classpath; build with 'mvn package' (or set hawtio.enabled=false)");
            }
            unpack(war, target);
        }
        return target;
    }

    /**
     * Serves the bundled Source editor from the unpacked war, and points Hawtio's bundle at it.
     *
     * @return false when the app was built without the editor: Hawtio then loads it from the CDN
     */
    static boolean serveEditor(Path webapp, String contextPath) throws IOException {
        try (InputStream editor = HawtioWar.class.getClassLoader().getResourceAsStream(EDITOR)) {
            if (editor == null) {
                return false;
            }
            serveEditor(webapp, editor, contextPath);
            return true;
        }
    }

    static void serveEditor(Path webapp, InputStream editor, String contextPath) throws IOException {
        Path directory = webapp.resolve(EDITOR_DIRECTORY);
        unpack(editor, directory);
        String local = contextPath + "/" + EDITOR_DIRECTORY + "/vs";
        boolean pointed = false;
        try (Stream<Path> scripts = Files.list(webapp.resolve("static/js"))) {
            for (Path script : scripts.filter(file -> file.toString().endsWith(".js")).toList()) {
                // byte for byte: ISO-8859-1 maps every byte to one char and back
                String code = Files.readString(script, StandardCharsets.ISO_8859_1);
                if (code.contains(EDITOR_CDN)) {
                    Files.writeString(script, code.replace(EDITOR_CDN, local), StandardCharsets.ISO_8859_1);
                    pointed = true;
                }
            }
        }
        if (!pointed) {
            throw new IOException("No script of " + RESOURCE + " loads its editor from " + EDITOR_CDN
                    + ": Hawtio's version changed; update HawtioWar.EDITOR_CDN and the version in pom.xml's hawtio-editor step");
        }
    }

    static void unpack(InputStream war, Path target) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(war)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (PROVIDED_BY_APP.matcher(entry.getName()).matches()) {
                    continue;
                }
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("Entry " + entry.getName() + " of " + RESOURCE + " points outside " + target);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(zip, file);
                }
            }
        }
    }

    static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }
}

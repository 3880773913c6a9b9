package io.authroutes.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

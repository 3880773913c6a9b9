package io.authroutes.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.AppProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive (BENCHMARKS.md, start-up): {@code mvn package} trains lib/authroutes.jsa with the
 * launcher, and the launcher starts from it. The JVM accepts an archive only for the JVM and the jar paths
 * and dates it was made with; one made elsewhere, or none, must cost only the speed. Each run starts the
 * distribution's training project for a second and stops.
 */
class ClassDataArchiveIT {

    private static final Path DISTRIBUTION = DistributionIT.LAUNCHER.getParent().getParent();
    private static final String FROM_ARCHIVE = "source: shared objects file (top)";

    @Test
    void launcherLoadsTheAppFromTheArchiveMadeAtBuildTime(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes.txt");

        String log = startAndStop(DISTRIBUTION, classes);

        assertThat(log).doesNotContain("Unable to use shared archive");
        assertThat(Files.readAllLines(classes))
                .anyMatch(line -> line.contains("io.authroutes.Application " + FROM_ARCHIVE))
                .anyMatch(line -> line.contains("io.authroutes.auth.camel.ProviderRoutes " + FROM_ARCHIVE))
                .filteredOn(line -> line.contains(FROM_ARCHIVE)).hasSizeGreaterThan(3000);
    }

    @Test
    void archiveMadeForAnotherPlaceIsRefusedWithAWarningAndTheAppStarts(@TempDir Path dir) throws Exception {
        Path moved = copyOfTheDistribution(dir.resolve("authroutes"));
        Path classes = dir.resolve("classes.txt");

        String log = startAndStop(moved, classes);

        assertThat(log).contains("Unable to use shared archive");
        assertThat(Files.readAllLines(classes)).noneMatch(line -> line.contains(FROM_ARCHIVE));
    }

    @Test
    void withoutAnArchiveTheAppStartsWithoutComplaint(@TempDir Path dir) throws Exception {
        Path bare = copyOfTheDistribution(dir.resolve("authroutes"));
        Files.delete(bare.resolve("lib/authroutes.jsa"));

        String log = startAndStop(bare, dir.resolve("classes.txt"));

        assertThat(log).doesNotContain("shared archive");
    }

    /** The log of one start of {@code distribution}'s training project, which stops after a second; classes loaded go to {@code classes}. */
    private static String startAndStop(Path distribution, Path classes) throws Exception {
        try (AppProcess app = AppProcess.launch(distribution.resolve("bin/authroutes"),
                List.of("--dir", distribution.resolve("config/training").toString()),
                Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes + " -Dcamel.main.durationMaxSeconds=1"))) {
            assertThat(app.exitCode(150)).as(app.log()).isZero();
            assertThat(app.log()).contains("Apache Camel 4.18.0 (authroutes) started in");
            return app.log();
        }
    }

    private static Path copyOfTheDistribution(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(DISTRIBUTION)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(DISTRIBUTION.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return target;
    }
}

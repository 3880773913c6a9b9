package io.authroutes.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Camel application of a user's, in a directory outside this repository, built by Maven against the
 * authroutes-camel artifact as installed (jar and pom in a local repository of its own, never
 * {@code target/classes}), then run in its own JVM. The rest of what it needs is resolved from the
 * local repository of the build running the test, then from the usual remote ones.
 *
 * <p>The failsafe configuration names the installed files: {@code authroutes.library.jar},
 * {@code authroutes.library.pom}, {@code authroutes.parent.pom}, {@code authroutes.version},
 * {@code authroutes.it.repo} (the local repository to install into) and {@code authroutes.outer.repo}.
 */
public final class ScratchApp implements AutoCloseable {

    private static final String GROUP_PATH = "io/authroutes";
    /** The plugins a build up to {@code package} needs, at versions the outer build has already resolved. */
    private static final String PINNED_PLUGINS = """
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-resources-plugin</artifactId>
                    <version>3.3.1</version>
                  </plugin>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-compiler-plugin</artifactId>
                    <version>3.14.0</version>
                  </plugin>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-surefire-plugin</artifactId>
                    <version>3.5.3</version>
                  </plugin>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-jar-plugin</artifactId>
                    <version>3.4.2</version>
                  </plugin>
            """;
    private static final int BUILD_MINUTES = 10;

    private final Path dir;
    private Process process;

    private ScratchApp(Path dir) {
        this.dir = dir;
    }

    public static ScratchApp create(String name) throws IOException {
        return new ScratchApp(Files.createTempDirectory("authroutes-" + name + "-"));
    }

    public static String libraryVersion() {
        return required("authroutes.version");
    }

    /**
     * A user's pom: {@code boms} imported (as {@code groupId:artifactId:version}), then {@code dependencies}
     * (as {@code groupId:artifactId}, versions from the boms) and authroutes-camel as installed.
     */
    public ScratchApp pom(List<String> boms, List<String> dependencies) throws IOException {
        return pom(boms, dependencies, List.of());
    }

    /** As {@link #pom(List, List)}, with {@code buildGoals} (as {@code groupId:artifactId:version:goal}) bound to the build. */
    public ScratchApp pom(List<String> boms, List<String> dependencies, List<String> buildGoals) throws IOException {
        StringBuilder managed = new StringBuilder();
        for (String bom : boms) {
            String[] gav = bom.split(":");
            managed.append("""
                          <dependency>
                            <groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>
                            <type>pom</type><scope>import</scope>
                          </dependency>
                    """.formatted(gav[0], gav[1], gav[2]));
        }
        StringBuilder used = new StringBuilder();
        for (String dependency : dependencies) {
            String[] ga = dependency.split(":");
            used.append("""
                        <dependency><groupId>%s</groupId><artifactId>%s</artifactId></dependency>
                    """.formatted(ga[0], ga[1]));
        }
        StringBuilder plugins = new StringBuilder(PINNED_PLUGINS);
        for (String buildGoal : buildGoals) {
            String[] goal = buildGoal.split(":");
            plugins.append("""
                          <plugin>
                            <groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>
                            <executions><execution><goals><goal>%s</goal></goals></execution></executions>
                          </plugin>
                    """.formatted(goal[0], goal[1], goal[2], goal[3]));
        }
        return file("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>orders</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencyManagement>
                    <dependencies>
                %s    </dependencies>
                  </dependencyManagement>
                  <dependencies>
                %s    <dependency>
                      <groupId>io.authroutes</groupId>
                      <artifactId>authroutes-camel</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                %s    </plugins>
                  </build>
                </project>
                """.formatted(managed, used, libraryVersion(), plugins));
    }

    public ScratchApp file(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    /**
     * Installs the library into the scratch local repository, then compiles the app and writes its
     * class path ({@code cp.txt}) and dependency tree ({@code tree.txt}).
     */
    public void build() throws IOException, InterruptedException {
        build("compile");
    }

    /** As {@link #build()}, up to the lifecycle {@code phase} ({@code package}: what a runtime's own build plugin makes). */
    public void build(String phase) throws IOException, InterruptedException {
        Path repo = Path.of(required("authroutes.it.repo")).toAbsolutePath();
        String version = libraryVersion();
        install(repo, "authroutes-camel", version, "jar", Path.of(required("authroutes.library.jar")));
        install(repo, "authroutes-camel", version, "pom", Path.of(required("authroutes.library.pom")));
        install(repo, "authroutes-parent", version, "pom", Path.of(required("authroutes.parent.pom")));
        file("settings.xml", settings(repo, Path.of(required("authroutes.outer.repo")).toAbsolutePath()));
        String dependencyPlugin = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:";
        run(List.of(maven(), "-B", "-s", "settings.xml", phase,
                dependencyPlugin + "build-classpath", "-Dmdep.outputFile=cp.txt",
                dependencyPlugin + "tree", "-DoutputFile=tree.txt"), "build.log", BUILD_MINUTES);
    }

    public String dependencyTree() throws IOException {
        return Files.readString(dir.resolve("tree.txt"));
    }

    /** Starts {@code mainClass} from the compiled app on its resolved class path; its output goes to {@link #log()}. */
    public void start(String mainClass) throws IOException {
        String classPath = dir.resolve("target/classes") + java.io.File.pathSeparator + Files.readString(dir.resolve("cp.txt")).trim();
        launch(List.of("-cp", classPath, mainClass));
    }

    /** Starts the runnable jar the build made ({@code jar}, relative to the app's directory); output as {@link #start(String)}. */
    public void startJar(String jar) throws IOException {
        launch(List.of("-jar", dir.resolve(jar).toString()));
    }

    private void launch(List<String> javaArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaArguments);
        process = new ProcessBuilder(command)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("app.log").toFile()).start();
    }

    /** Waits for {@code reached} while the app runs; false when it stopped first or the time ran out. */
    public boolean awaitWhileRunning(java.util.concurrent.CountDownLatch reached, int minutes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        while (System.nanoTime() < deadline) {
            if (reached.await(1, TimeUnit.SECONDS)) {
                return true;
            }
            if (!process.isAlive()) {
                return reached.getCount() == 0;
            }
        }
        return false;
    }

    /** The app's exit code once it has stopped by itself; empty when it still runs after {@code minutes}. */
    public OptionalInt exitCode(int minutes) throws InterruptedException {
        return process.waitFor(minutes, TimeUnit.MINUTES) ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
    }

    public String log() throws IOException {
        Path log = dir.resolve("app.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void run(List<String> command, String logName, int minutes) throws IOException, InterruptedException {
        Path log = dir.resolve(logName);
        Process build = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(minutes, TimeUnit.MINUTES)) {
            build.destroyForcibly().waitFor();
            throw new IllegalStateException("the scratch build took over " + minutes + " min:\n" + Files.readString(log));
        }
        if (build.exitValue() != 0) {
            throw new IllegalStateException("the scratch build failed:\n" + Files.readString(log));
        }
    }

    private static void install(Path repo, String artifact, String version, String type, Path source) throws IOException {
        Path target = repo.resolve(GROUP_PATH).resolve(artifact).resolve(version).resolve(artifact + "-" + version + "." + type);
        Files.createDirectories(target.getParent());
        Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Its own local repository; the outer build's local repository as the first remote, for what it already has. */
    private static String settings(Path repo, Path outer) {
        String repository = """
                <id>outer-local</id><url>%s</url>
                <releases><enabled>true</enabled></releases><snapshots><enabled>false</enabled></snapshots>"""
                .formatted(outer.toUri());
        return """
                <settings>
                  <localRepository>%s</localRepository>
                  <profiles><profile><id>outer-local</id>
                    <repositories><repository>%s</repository></repositories>
                    <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>outer-local</activeProfile></activeProfiles>
                </settings>
                """.formatted(repo, repository, repository);
    }

    private static String maven() {
        String home = System.getProperty("maven.home");
        return home == null ? "mvn" : Path.of(home, "bin", "mvn").toString();
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run this test with mvn verify (failsafe sets it)");
        }
        return value;
    }
}

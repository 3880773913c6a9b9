package io.authroutes.testing;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.awaitility.Awaitility;

/**
 * The app as an operator runs it ({@code io.authroutes.Application} in its own JVM, from the project
 * directory), for what only a real process has: its environment variables, its exit, its whole log.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private AppProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param config           the properties file, as {@code -Dauthroutes.config}
     * @param systemProperties further {@code -D} options
     * @param environment      variables added to this JVM's environment
     */
    public static AppProcess start(Path config, Map<String, String> systemProperties, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dauthroutes.config=" + config));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("io.authroutes.Application");
        Path log = Files.createTempFile("authroutes-app", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new AppProcess(builder.start(), log);
    }

    /**
     * The app as the distribution runs it: {@code launcher} (a built {@code bin/authroutes}) with
     * {@code arguments}, from this JVM's working directory; the launcher chooses the class path and JVM options.
     */
    public static AppProcess launch(Path launcher, List<String> arguments, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(arguments);
        Path log = Files.createTempFile("authroutes-launcher", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        return new AppProcess(builder.start(), log);
    }

    /** Everything the app printed so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the log shows {@code text}, failing at once if the app stops first. */
    public void awaitLog(String text) {
        Awaitility.await().atMost(Duration.ofSeconds(150)).failFast("the app stopped", () -> exitCode(0) >= 0)
                .until(() -> log().contains(text));
    }

    /** Its exit code, or -1 while it still runs after {@code seconds}. */
    public int exitCode(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** Every attribute of every MBean in {@code domain}, as text, read over the JVM's local JMX agent. */
    public List<String> mbeanAttributes(String domain) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(process.pid()));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        List<String> values = new ArrayList<>();
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            for (ObjectName name : server.queryNames(new ObjectName(domain + ":*"), null)) {
                for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                    values.add(name + " " + attribute.getName() + "=" + server.getAttribute(name, attribute.getName()));
                }
            }
        }
        return values;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }
}

package io.authroutes.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * README "Go live in a cluster": what can be checked of deploy/kubernetes without a cluster. Every file is
 * YAML of Kubernetes objects; three replicas are probed on the management port's health paths only; a
 * credential reaches the pods only from the Secret; the project in the ConfigMap names no variable the
 * Secret lacks, and its token store is the Redis the manifests run.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("deploy/kubernetes");
    private static final List<Map<String, Object>> OBJECTS = objects();

    @Test
    void everyManifestIsANamedKubernetesObjectAndKustomizeListsEveryFile() throws IOException {
        assertThat(OBJECTS).filteredOn(object -> !object.get("kind").equals("Kustomization")).isNotEmpty().allSatisfy(object -> assertThat(object)
                .containsKeys("apiVersion", "kind").extracting(o -> path(o, "metadata", "name")).isNotNull());
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            assertThat(map(the("Kustomization", null)).get("resources")).asList().containsExactlyInAnyOrderElementsOf(
                    files.map(f -> f.getFileName().toString()).filter(f -> !f.equals("kustomization.yaml")).toList());
        }
    }

    @Test
    void threeReplicasProbedOnTheManagementPortsHealthPaths() {
        Map<String, Object> deployment = the("Deployment", "authroutes");
        Map<String, Object> container = app();

        assertThat(path(deployment, "spec", "replicas")).isEqualTo(3);
        assertThat(list(container.get("ports"))).containsExactly(Map.of("name", "management", "containerPort", 9876));
        assertThat(path(container, "readinessProbe", "httpGet")).isEqualTo(Map.of("path", "/observe/health/ready", "port", "management"));
        assertThat(path(container, "livenessProbe", "httpGet")).isEqualTo(Map.of("path", "/observe/health/live", "port", "management"));
        assertThat(path(container, "startupProbe", "httpGet")).isEqualTo(Map.of("path", "/observe/health/live", "port", "management"));
        assertThat(project()).containsEntry("camel.management.port", "9876").containsEntry("camel.management.host", "0.0.0.0")
                .doesNotContainKey("hawtio.enabled");
    }

    @Test
    void credentialsReachThePodsOnlyFromTheSecret() {
        for (Map<String, Object> container : containers()) {
            for (Object from : list(container.getOrDefault("envFrom", List.of()))) {
                assertThat(map(from)).containsOnlyKeys("secretRef");
            }
            for (Object variable : list(container.getOrDefault("env", List.of()))) {
                Map<String, Object> env = map(variable);
                if (env.get("name").toString().matches(".*(SECRET|PASSWORD|KEY|TOKEN).*")) {
                    assertThat(env).doesNotContainKey("value").extracting(e -> path(e, "valueFrom", "secretKeyRef", "name"))
                            .isEqualTo("authroutes-credentials");
                }
            }
        }
        assertThat(project()).allSatisfy((key, value) -> {
            if (key.toString().matches("(?i).*(secret|password|key|token|clientid)$")) {
                assertThat(value.toString()).as(key.toString()).startsWith("{{env:");
            }
        });
    }

    @Test
    void everyVariableTheProjectReadsIsInTheSecret() {
        Set<String> read = new TreeSet<>();
        Matcher env = Pattern.compile("\\{\\{env:([A-Z0-9_]+)}}").matcher(String.join("\n", project().values().stream().map(Object::toString).toList()));
        while (env.find()) {
            read.add(env.group(1));
        }

        assertThat(read).isNotEmpty();
        assertThat(map(the("Secret", "authroutes-credentials").get("stringData"))).containsKeys(read.toArray(String[]::new));
    }

    @Test
    void tokensAreSharedThroughTheRedisTheManifestsRun() {
        String service = (String) path(the("Service", "authroutes-redis"), "metadata", "name");
        int port = (int) map(list(path(the("Service", "authroutes-redis"), "spec", "ports")).get(0)).get("port");

        assertThat(project()).containsEntry("authroutes.store", "redis")
                .containsEntry("authroutes.store.redis.uri", "redis://" + service + ":" + port);
    }

    @Test
    void projectFlowsAreMountedUnderRoutesWhereTheLauncherLooks() {
        Map<String, Object> configMap = the("ConfigMap", "authroutes-project");
        List<Object> volumes = list(path(the("Deployment", "authroutes"), "spec", "template", "spec", "volumes"));
        Map<String, Object> project = volumes.stream().map(KubernetesManifestsTest::map)
                .filter(v -> v.get("name").equals("project")).findFirst().orElseThrow();

        assertThat(list(app().get("args"))).containsExactly("--dir", "/srv/authroutes");
        assertThat(list(app().get("volumeMounts"))).contains(Map.of("name", "project", "mountPath", "/srv/authroutes", "readOnly", true));
        assertThat(list(path(project, "configMap", "items"))).extracting(item -> map(item).get("key") + " -> " + map(item).get("path"))
                .containsExactlyInAnyOrderElementsOf(map(configMap.get("data")).keySet().stream()
                        .map(key -> key + " -> " + (key.equals("application.properties") ? key : "routes/" + key)).toList());
    }

    private static Properties project() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader((String) path(the("ConfigMap", "authroutes-project"), "data", "application.properties")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    private static Map<String, Object> app() {
        return containers().stream().filter(c -> c.get("name").equals("authroutes")).findFirst().orElseThrow();
    }

    private static List<Map<String, Object>> containers() {
        return OBJECTS.stream().filter(o -> o.get("kind").equals("Deployment"))
                .flatMap(o -> list(path(o, "spec", "template", "spec", "containers")).stream().map(KubernetesManifestsTest::map))
                .toList();
    }

    /** The one object of {@code kind} named {@code name} (any name when null). */
    private static Map<String, Object> the(String kind, String name) {
        List<Map<String, Object>> found = OBJECTS.stream().filter(o -> o.get("kind").equals(kind))
                .filter(o -> name == null || name.equals(path(o, "metadata", "name"))).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    private static Object path(Map<String, Object> object, String... keys) {
        Object at = object;
        for (String key : keys) {
            at = at == null ? null : map(at).get(key);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static List<Map<String, Object>> objects() {
        List<Map<String, Object>> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.sorted().toList()) {
                for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
                    objects.add(map(document));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return objects;
    }
}

package io.authroutes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every YAML route the project ships, and every README snippet fenced as yaml, is valid against Camel's
 * own YAML DSL schema (camelYamlDsl.json in camel-yaml-dsl), not only accepted by the lenient loader:
 * what users copy from here also passes the schema their editors and tools check with.
 */
class YamlDslSchemaTest {

    private static final String SCHEMA = "/schema/camelYamlDsl.json";
    private static final Pattern YAML_BLOCK = Pattern.compile("^```yaml\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Schema schema;

    @BeforeAll
    static void loadCamelsSchema() throws IOException {
        try (InputStream in = YamlRoutesBuilderLoader.class.getResourceAsStream(SCHEMA)) {
            assertThat(in).as(SCHEMA + " from camel-yaml-dsl").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in, InputFormat.JSON);
        }
    }

    @Test
    void everyShippedRouteFileIsValidAgainstCamelsYamlDslSchema() throws IOException {
        Map<String, List<String>> problems = new TreeMap<>();
        List<Path> files;
        // the app's flows and examples, and the kinds the library ships
        try (Stream<Path> walk = Stream.concat(Files.walk(Path.of("routes")), Files.walk(Path.of("authroutes-camel/src/main/resources/authroutes")))) {
            files = walk.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        for (Path file : files) {
            problems.put(file.toString(), problems(Files.readString(file)));
        }

        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        assertThat(problems).allSatisfy((file, found) -> assertThat(found).as(file).isEmpty());
    }

    @Test
    void everyYamlSnippetOfTheReadmeIsValidAgainstCamelsYamlDslSchema() throws IOException {
        Map<String, List<String>> problems = new TreeMap<>();
        Matcher block = YAML_BLOCK.matcher(Files.readString(Path.of("README.md")));
        while (block.find()) {
            String snippet = block.group(1);
            problems.put(snippet.lines().limit(2).reduce("", (a, b) -> a + b.strip() + " "), problems(asRoutes(snippet)));
        }

        assertThat(problems).hasSizeGreaterThanOrEqualTo(3);
        assertThat(problems).allSatisfy((snippet, found) -> assertThat(found).as(snippet).isEmpty());
    }

    @Test
    void theSchemaRefusesWhatTheLoaderWouldAccept() throws IOException {
        String booleanConstant = """
                - routeConfiguration:
                    id: lenient
                    onException:
                      - onException:
                          exception: [java.lang.Exception]
                          handled:
                            constant: true
                """;

        assertThat(problems(booleanConstant)).isNotEmpty();
        assertThat(problems(booleanConstant.replace("constant: true", "constant: \"true\""))).isEmpty();
    }

    /**
     * A snippet as Camel reads it: a whole file of routes as it is; an indented list of steps (what a
     * route template's steps show) as the steps of a route, so that each step is checked too.
     */
    private static String asRoutes(String snippet) {
        if (!snippet.startsWith(" ")) {
            return snippet;
        }
        return "- route:\n    from:\n      uri: direct:snippet\n      steps:\n" + snippet.stripIndent().indent(8);
    }

    private static List<String> problems(String yaml) throws IOException {
        JsonNode document = YAML.readTree(yaml);
        List<String> found = new ArrayList<>();
        for (Error error : schema.validate(document)) {
            found.add(error.getInstanceLocation() + ": " + error.getMessage());
        }
        return found;
    }
}

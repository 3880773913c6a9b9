package io.authroutes;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.auth.ProviderOption;
import io.authroutes.auth.ProviderOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's lists and tables name what the code has, no more and no less. */
class ReadmeAgreesWithCodeTest {

    private static final Path ENGINE = Path.of("authroutes-camel/src/main/java/io/authroutes/auth");

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void everyFailureAFlowCanSeeIsListedAndNoCountIsGiven() throws IOException {
        List<String> failures;
        try (Stream<Path> files = Files.list(ENGINE)) {
            failures = files.filter(f -> f.toString().endsWith(".java") && contains(f, "extends ProviderAuthException"))
                    .map(f -> f.getFileName().toString().replace(".java", "")).sorted().toList();
        }
        String readme = readme();
        int list = readme.indexOf("The exceptions, all in `io.authroutes.auth`");
        String listed = readme.substring(list, readme.indexOf("\n\n", list));

        assertThat(failures).hasSizeGreaterThanOrEqualTo(7)
                .allSatisfy(failure -> assertThat(listed).contains("- `" + failure + "`"));
        assertThat(readme).doesNotContainPattern("All (three|four|five|six|seven|eight) extend");
    }

    @Test
    void everyOptionOfEveryProviderIsInTheConfigurationTable() throws IOException {
        String readme = readme();
        int section = readme.indexOf("## Configuration");
        String table = readme.substring(section, readme.indexOf("\n\n", readme.indexOf("| option | meaning |", section)));

        assertThat(ProviderOptions.EVERY_PROVIDER).extracting(ProviderOption::name)
                .allSatisfy(option -> assertThat(table).as(option).contains("`" + option + "`"));
    }

    @Test
    void theFingerprintIsDescribedAsKeyedPerProcess() throws IOException {
        Matcher row = Pattern.compile("^\\| `TokenFingerprint` \\|(.*)$", Pattern.MULTILINE).matcher(readme());

        assertThat(row.find()).isTrue();
        assertThat(row.group(1)).contains("HMAC-SHA256", "random key of this process", "different fingerprints");
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

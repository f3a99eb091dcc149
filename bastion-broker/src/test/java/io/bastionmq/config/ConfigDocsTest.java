package io.bastionmq.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md cannot drift from the loader: every key is documented and every example loads. */
class ConfigDocsTest {
    /** Surefire runs in the module directory; the docs live at the repository root. */
    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void everyKnownKeyIsDocumented() throws IOException {
        String doc = Files.readString(DOC);
        List<String> missing = new ArrayList<>();
        for (String key : ConfigLoader.knownKeys()) {
            if (!doc.contains("`" + key + "`")) missing.add(key);
        }
        assertThat(missing).as("keys missing from " + DOC + " (write each as `section.key`)").isEmpty();
    }

    @Test
    void everyYamlExampleInTheDocsLoads() throws IOException {
        String doc = Files.readString(DOC);
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        int examples = 0;
        while (m.find()) {
            ConfigLoader.parse(m.group(1), Path.of("/etc/bastion"));
            examples++;
        }
        assertThat(examples).as("yaml examples in " + DOC).isPositive();
    }
}

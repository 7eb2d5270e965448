package io.switchboard.plugin.priority;

import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code docs/plugins/priority.md} keeps up with the plugin: every configuration key is explained or shown there. */
class PriorityDocsTest {

    static final Path DOC = Path.of("../../docs/plugins/priority.md");

    @Test
    void theDocumentationNamesEveryConfigurationKey() throws IOException {
        String doc = Files.readString(DOC);
        assertKeys(doc, new PriorityPluginFactory().configSpec(), "");
        assertThat(doc).contains("../configuration.md#plugin-priority");
    }

    private static void assertKeys(String doc, ConfigSpec spec, String prefix) {
        for (ConfigKey k : spec.keys()) {
            assertThat(doc).as("docs/plugins/priority.md mentions %s%s", prefix, k.name()).contains(k.name());
            if (k.nestedSpec() != null) {
                assertKeys(doc, k.nestedSpec(), prefix + k.name() + ".");
            }
        }
    }

    @Test
    void theDocumentationGivesThePointsOfEveryBuiltInCategory() throws IOException {
        String doc = Files.readString(DOC);
        PriorityPluginFactory.DEFAULT_CUE_POINTS.forEach((category, points) ->
                assertThat(doc).contains("| `" + PriorityPolicy.code(category) + "` | " + points + " |"));
    }
}

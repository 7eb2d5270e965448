package io.switchboard.plugin.identity;

import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code docs/plugins/identity.md} keeps up with the plugin: every configuration key is explained or shown there. */
class IdentityDocsTest {

    static final Path DOC = Path.of("../../docs/plugins/identity.md");

    @Test
    void theDocumentationNamesEveryConfigurationKey() throws IOException {
        String doc = Files.readString(DOC);
        assertKeys(doc, new IdentityPluginFactory().configSpec(), "");
        assertThat(doc).contains("../configuration.md#plugin-identity");
    }

    private static void assertKeys(String doc, ConfigSpec spec, String prefix) {
        for (ConfigKey k : spec.keys()) {
            assertThat(doc).as("docs/plugins/identity.md mentions %s%s", prefix, k.name()).contains(k.name());
            if (k.nestedSpec() != null) {
                assertKeys(doc, k.nestedSpec(), prefix + k.name() + ".");
            }
        }
    }

    @Test
    void theDocumentationListsEveryCustomersCsvColumn() throws IOException {
        String doc = Files.readString(DOC);
        for (String column : CustomersCsv.COLUMNS) {
            assertThat(doc).contains("| `" + column + "` |");
        }
        assertThat(doc).contains(String.join(",", CustomersCsv.COLUMNS));
    }
}

package io.switchboard.gateway.config;

import io.switchboard.gateway.channel.ChannelRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed configuration reference must be exactly what the code declares. */
class ConfigReferenceTest {

    private static final Path DOC = Path.of("../docs/configuration.md");

    @Test
    void committedReferenceShouldMatchTheCode() throws Exception {
        String generated = ConfigReference.markdown(ChannelRegistry.discover(getClass().getClassLoader()));
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/configuration.md is out of date: regenerate it (see the comment at its top)")
                .isEqualTo(generated);
    }

    @Test
    void everyDeclaredKeyShouldBeDocumented() {
        ChannelRegistry registry = ChannelRegistry.discover(getClass().getClassLoader());
        for (String type : registry.types()) {
            registry.factory(type).orElseThrow().configSpec().keys().forEach(k ->
                    assertThat(k.documentation()).as("channel type " + type + " key " + k.name()).isNotBlank());
        }
        for (var spec : new io.switchboard.spi.config.ConfigSpec[] {ServerConfig.SPEC, StoreConfig.SPEC,
                ChannelConfig.COMMON, ConfigLoader.TOP, PluginsConfig.SPEC, io.switchboard.gateway.chain.ChainsConfig.CHAIN,
                io.switchboard.gateway.chain.StepConfig.SPEC, io.switchboard.gateway.chain.StepConfig.RateLimit.SPEC,
                io.switchboard.gateway.chain.StepConfig.Bulkhead.SPEC, io.switchboard.gateway.chain.StepConfig.Breaker.SPEC}) {
            spec.keys().forEach(k -> assertThat(k.documentation()).as(k.name()).isNotBlank());
        }
    }
}

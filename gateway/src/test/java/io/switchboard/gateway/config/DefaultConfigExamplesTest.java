package io.switchboard.gateway.config;

import io.switchboard.gateway.channel.ChannelRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code config/gateway.yaml} runs as it is (no secret, no external service) and carries a commented example of
 * every channel type, each of which loads as a live channel once uncommented and its secrets are set.
 */
class DefaultConfigExamplesTest {

    private static final Path FILE = Path.of("../config/gateway.yaml");
    private static final Pattern BLOCK_START = Pattern.compile("^  # ([a-z0-9][a-z0-9_-]*):\\s*$");
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}");

    private static GatewayConfig load(Path file, Map<String, String> env) {
        Vertx vertx = Vertx.vertx();
        try {
            return ConfigLoader.load(vertx, file, env, ChannelRegistry.discover(DefaultConfigExamplesTest.class.getClassLoader()));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void defaultConfigurationShouldLoadWithoutAnySecret() {
        GatewayConfig config = load(FILE, Map.of());
        assertThat(config.store().type()).isEqualTo("embedded");
        assertThat(config.channels().values()).allSatisfy(c -> assertThat(c.live()).as(c.id()).isTrue());
    }

    @Test
    void everyChannelTypeShouldHaveACommentedExampleThatLoadsLive(@TempDir Path tmp) throws Exception {
        List<String> lines = Files.readAllLines(FILE);
        Map<String, String> blocks = new LinkedHashMap<>();
        // Only the channels: section (up to the next top-level key) holds channel examples.
        int from = lines.indexOf("channels:");
        int to = from + 1;
        while (to < lines.size() && !lines.get(to).matches("^[a-z].*")) {
            to++;
        }
        for (int i = from; i < to; i++) {
            Matcher m = BLOCK_START.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            StringBuilder block = new StringBuilder("  ").append(m.group(1)).append(":\n");
            for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("  #   "); j++) {
                block.append("  ").append(lines.get(j).substring(4)).append('\n');
            }
            assertThat(blocks.put(m.group(1), block.toString())).as("example channel id " + m.group(1) + " is unique")
                    .isNull();
        }
        StringBuilder yaml = new StringBuilder("server:\n  publicBaseUrl: https://hooks.example.com\nchannels:\n");
        blocks.values().forEach(yaml::append);
        Map<String, String> env = new HashMap<>();
        Matcher e = ENV.matcher(yaml);
        while (e.find()) {
            // Base64 of 33 bytes, no padding: acceptable to every secret format (Standard Webhooks keys are base64, Telegram's token is [A-Za-z0-9_-]).
            env.put(e.group(1), "c3dpdGNoYm9hcmQtZXhhbXBsZS1zZWNyZXQtMzNieXRl");
        }
        Path file = tmp.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        GatewayConfig config = load(file, env);
        assertThat(config.channels().keySet()).containsExactlyElementsOf(blocks.keySet());
        assertThat(config.channels().values()).allSatisfy(c -> assertThat(c.live()).as(c.id() + " is live").isTrue());
        assertThat(config.channels().values().stream().map(ChannelConfig::type).distinct())
                .as("a commented example of every channel type")
                .containsAll(ChannelRegistry.discover(getClass().getClassLoader()).types().stream()
                        .filter(t -> !t.equals("web-form")).toList());
    }
}

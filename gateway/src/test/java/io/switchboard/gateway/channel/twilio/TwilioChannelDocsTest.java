package io.switchboard.gateway.channel.twilio;

import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.config.ChannelConfig;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The channels' documentation and example configurations cannot drift from the code. */
class TwilioChannelDocsTest {

    private static final Path ROOT = Path.of("..");
    private static final Map<String, String> ENV = Map.of("TWILIO_AUTH_TOKEN", "t");

    @Test
    void docsShouldListEveryConfigKeyOfBothTypesAsDeclared() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/channels/twilio.md"));
        assertThat(doc).contains(new TwilioMessagingAdapterFactory().configSpec().toMarkdown());
        assertThat(doc).contains(new TwilioVoiceAdapterFactory().configSpec().toMarkdown());
    }

    @Test
    void readmeShouldLinkTheGuideUnderConnectAChannel() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf("\n## Connect a channel\n");
        int twilio = readme.indexOf("\n### Twilio (SMS, WhatsApp, voice)\n");
        assertThat(section).isPositive();
        assertThat(twilio).isGreaterThan(section);
        assertThat(readme.indexOf("\n## A five-minute tour\n")).isBetween(0, section);
        assertThat(readme.substring(twilio)).contains("docs/channels/twilio.md");
    }

    @Test
    void exampleConfigurationShouldLoadBothChannelsLiveAndValid() throws Exception {
        GatewayConfig config = load(ROOT.resolve("config/examples/twilio.yaml"));
        assertLive(config, "acme-sms", TwilioMessagingAdapterFactory.TYPE);
        assertLive(config, "acme-voice", TwilioVoiceAdapterFactory.TYPE);
        assertThat(config.server().publicBaseUrl()).isEqualTo("https://hooks.example.com");
    }

    @Test
    void commentedExampleInGatewayYamlShouldLoadOnceUncommented(@TempDir Path tmp) throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("config/gateway.yaml"));
        int start = lines.indexOf("  # acme-sms:");
        assertThat(start).as("the commented twilio block in config/gateway.yaml").isPositive();
        StringBuilder yaml = new StringBuilder("channels:\n");
        for (int i = start; i < lines.size() && lines.get(i).startsWith("  # "); i++) {
            yaml.append("  ").append(lines.get(i).substring(4)).append('\n');
        }
        Path file = tmp.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        GatewayConfig config = load(file);
        assertLive(config, "acme-sms", TwilioMessagingAdapterFactory.TYPE);
        assertLive(config, "acme-voice", TwilioVoiceAdapterFactory.TYPE);
    }

    private static GatewayConfig load(Path file) {
        Vertx vertx = Vertx.vertx();
        try {
            return ConfigLoader.load(vertx, file, ENV, ChannelRegistry.discover(TwilioChannelDocsTest.class.getClassLoader()));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static void assertLive(GatewayConfig config, String id, String type) {
        ChannelConfig channel = config.channels().get(id);
        assertThat(channel).as(id).isNotNull();
        assertThat(channel.type()).isEqualTo(type);
        assertThat(channel.live()).isTrue();
        if (type.equals(TwilioVoiceAdapterFactory.TYPE)) {
            // The cross-key checks the gateway runs when it creates the adapter.
            assertThat(TwilioVoiceAdapterFactory.problems(channel.adapterConfig())).isEmpty();
        }
    }
}

package io.switchboard.gateway.channel.vonage;

import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.config.ChannelConfig;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.testing.AdapterHarness;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Vonage channels' documentation and example configuration cannot drift from the code. */
class VonageChannelDocsTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void docsShouldListEveryConfigKeyOfBothTypesAsDeclared() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/channels/vonage.md"));
        assertThat(doc).contains(new VonageVoiceAdapterFactory().configSpec().toMarkdown());
        assertThat(doc).contains(new VonageMessagesAdapterFactory().configSpec().toMarkdown());
    }

    @Test
    void docsShouldNameEveryNccoActionAndCallStatusTheCodeKnows() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/channels/vonage.md"));
        assertThat(doc).contains(Ncco.ACTIONS.stream().map(a -> "`" + a + "`").toList());
        assertThat(doc).contains(VonageVoiceAdapter.CALL_STATUSES.stream().map(s -> "`" + s + "`").toList());
    }

    @Test
    void exampleConfigurationShouldLoadAsLiveChannels() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            GatewayConfig config = ConfigLoader.load(vertx, ROOT.resolve("config/examples/vonage.yaml"),
                    Map.of("VONAGE_SIGNATURE_SECRET", "s"), ChannelRegistry.discover(getClass().getClassLoader()));
            ChannelConfig voice = config.channels().get("acme-voice");
            assertThat(voice.type()).isEqualTo(VonageVoiceAdapterFactory.TYPE);
            assertThat(voice.live()).isTrue();
            ChannelConfig messages = config.channels().get("acme-messages");
            assertThat(messages.type()).isEqualTo(VonageMessagesAdapterFactory.TYPE);
            assertThat(messages.live()).isTrue();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void nccoExamplesInTheDocsShouldPassValidation() {
        AdapterHarness.validate(new VonageVoiceAdapterFactory().configSpec(), new io.vertx.core.json.JsonObject()
                .put("signatureSecret", "${env:S}").put("ncco", new io.vertx.core.json.JsonArray()
                        .add(new io.vertx.core.json.JsonObject().put("action", "conversation").put("name", "support-queue"))
                        .add(new io.vertx.core.json.JsonObject().put("action", "connect").put("endpoint",
                                new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject()
                                        .put("type", "phone").put("number", "447700900001"))))),
                Map.of("S", "s"));
    }
}

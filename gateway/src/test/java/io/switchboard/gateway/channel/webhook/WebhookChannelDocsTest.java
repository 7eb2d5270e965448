package io.switchboard.gateway.channel.webhook;

import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.channel.LiveChannels;
import io.switchboard.gateway.config.ChannelConfig;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.http.InboundRequestImpl;
import io.switchboard.gateway.phone.LibPhoneNumbers;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.ChannelRef;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The channel's documentation and example configuration cannot drift from the code. */
class WebhookChannelDocsTest {

    private static final Path ROOT = Path.of("..");
    private static final Vertx VERTX = Vertx.vertx();
    private static final Map<String, String> ENV = Map.of("RELAYCHAT_WEBHOOK_SECRET", WebhookAdapterTest.SECRET);

    @AfterAll
    static void close() {
        VERTX.close().toCompletionStage().toCompletableFuture().join();
    }

    private static GatewayConfig example() {
        return ConfigLoader.load(VERTX, ROOT.resolve("config/examples/webhook.yaml"), ENV,
                ChannelRegistry.discover(WebhookChannelDocsTest.class.getClassLoader()));
    }

    @Test
    void docsShouldListEveryConfigKeyAsDeclared() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/channels/webhook.md"));
        assertThat(doc).contains(new WebhookAdapterFactory().configSpec().toMarkdown());
    }

    @Test
    void exampleConfigurationShouldLoadAsLiveChannel() {
        ChannelConfig channel = example().channels().get("acme-chat");
        assertThat(channel.type()).isEqualTo(WebhookAdapterFactory.TYPE);
        assertThat(channel.live()).isTrue();
    }

    @Test
    void documentedExampleShouldTurnDocumentedPayloadIntoDocumentedContact() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/channels/webhook.md"));
        String payload = Golden.text("webhook/chat-message.json").strip();
        assertThat(doc).contains(payload);
        String yaml = Files.readString(ROOT.resolve("config/examples/webhook.yaml"));
        assertThat(doc).contains(yaml.substring(yaml.indexOf("channels:")).strip());

        GatewayConfig config = example();
        ChannelAdapter adapter = LiveChannels.create(VERTX, config,
                ChannelRegistry.discover(getClass().getClassLoader()), new LibPhoneNumbers(), Clock.systemUTC(),
                t -> Optional.empty()).get("acme-chat").adapter();
        byte[] body = Golden.bytes("webhook/chat-message.json");
        String id = "msg_2hYkT9wQz1LmN4-attempt";
        String ts = String.valueOf(Instant.now().getEpochSecond());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json")
                .add("webhook-id", id).add("webhook-timestamp", ts)
                .add("webhook-signature", WebhookAdapterTest.sign(WebhookAdapterTest.SECRET, id, ts, body));
        InboundRequestImpl req = new InboundRequestImpl(new ChannelRef("acme-chat", "webhook"), "default",
                HttpMethod.POST, "https://hooks.example.com/webhooks/acme-chat", null, headers, Buffer.buffer(body),
                "127.0.0.1", Instant.now(), "0af7651916cd43dd8448eb211c80319c", 64, 200);
        adapter.verify(req);
        Intake intake = adapter.parse(req);
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "webhook/chat-message.golden.json");
        JsonObject documented = new JsonObject(doc.substring(doc.indexOf("```json", doc.indexOf("stores this contact"))
                + 7, doc.indexOf("```", doc.indexOf("```json", doc.indexOf("stores this contact")) + 7)));
        JsonObject golden = new JsonObject(Golden.text("webhook/chat-message.golden.json"));
        for (String field : documented.fieldNames()) {
            assertThat(documented.getValue(field)).as(field).isEqualTo(golden.getValue(field));
        }
    }

    @Test
    void invalidMappingShouldFailStartUpNamingFileAndKeyPath() {
        JsonObject raw = new JsonObject().put("channels", new JsonObject().put("acme-chat", new JsonObject()
                .put("type", "webhook").put("secret", "${env:RELAYCHAT_WEBHOOK_SECRET}")
                .put("mapping", new JsonObject().put("sender", new JsonObject().put("phone", "data.author.phone")))));
        assertThatThrownBy(() -> ConfigLoader.parse(raw, Path.of("config/gateway.yaml"), ENV,
                ChannelRegistry.discover(getClass().getClassLoader())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config/gateway.yaml: channels.acme-chat.mapping.sender.phone: must be a JSON Pointer")
                .hasMessageContaining("(was: data.author.phone)");
    }

    @Test
    void eventTypesWithoutEventTypePointerShouldFailStartUpNamingKeyPath() {
        JsonObject raw = new JsonObject().put("channels", new JsonObject().put("acme-chat", new JsonObject()
                .put("type", "webhook").put("secret", "${env:RELAYCHAT_WEBHOOK_SECRET}")
                .put("eventTypes", new JsonArray().add("message.created"))));
        ChannelRegistry registry = ChannelRegistry.discover(getClass().getClassLoader());
        GatewayConfig config = ConfigLoader.parse(raw, Path.of("config/gateway.yaml"), ENV, registry);
        assertThatThrownBy(() -> LiveChannels.create(VERTX, config, registry, new LibPhoneNumbers(), Clock.systemUTC(),
                t -> Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config/gateway.yaml: channels.acme-chat.mapping.eventType: is required");
    }
}

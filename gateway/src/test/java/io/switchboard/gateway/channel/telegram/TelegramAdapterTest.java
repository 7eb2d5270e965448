package io.switchboard.gateway.channel.telegram;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.Contact;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelegramAdapterTest {

    static final String SECRET = "tg-Webhook_secret-7f3a9c2e51d84b06";
    static final String BOT_ID = "7123456789";
    static final String URL = "https://hooks.example.com/webhooks/acme-telegram";

    static AdapterHarness harness(JsonObject extra) {
        JsonObject config = new JsonObject().put("secretToken", "${env:TELEGRAM_SECRET_TOKEN}").put("botId", BOT_ID)
                .put("botUsername", "acme_support_bot").mergeIn(extra);
        return AdapterHarness.of(new TelegramAdapterFactory(), "acme-telegram", config,
                Map.of("TELEGRAM_SECRET_TOKEN", SECRET));
    }

    static AdapterHarness harness() {
        return harness(new JsonObject());
    }

    static InboundRequest post(AdapterHarness h, byte[] body, String secret) {
        AdapterHarness.RequestBuilder b = h.request(HttpMethod.POST, URL).header("Content-Type", "application/json");
        if (secret != null) {
            b.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return b.body(body).build();
    }

    static InboundRequest signed(AdapterHarness h, byte[] body) {
        return post(h, body, SECRET);
    }

    private static Intake fixture(String resource) {
        AdapterHarness h = harness();
        return h.verifyAndParse(signed(h, Golden.bytes(resource)));
    }

    private static Intake json(JsonObject update) {
        AdapterHarness h = harness();
        return h.verifyAndParse(signed(h, update.encode().getBytes(StandardCharsets.UTF_8)));
    }

    // --- secret token (PROTOCOLS.md 5) ---

    @Test
    void shouldAcceptTheConfiguredSecretToken() {
        AdapterHarness h = harness();
        h.adapter().verify(signed(h, Golden.bytes("telegram/text.json")));
    }

    @Test
    void shouldRejectMissingSecretHeader() {
        AdapterHarness h = harness();
        assertRejected(() -> h.adapter().verify(post(h, Golden.bytes("telegram/text.json"), null)), 401);
    }

    @Test
    void shouldRejectWrongSecretTokens() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("telegram/text.json");
        for (String wrong : new String[] {"", "x", SECRET.substring(1), SECRET + "0", SECRET.toUpperCase(), " " + SECRET,
                SECRET.replace('7', '8')}) {
            assertRejected(() -> h.adapter().verify(post(h, body, wrong)), 401);
        }
    }

    @Test
    void shouldRejectTheSecretHeaderSentTwice() {
        AdapterHarness h = harness();
        InboundRequest req = h.request(HttpMethod.POST, URL).header("Content-Type", "application/json")
                .header("X-Telegram-Bot-Api-Secret-Token", SECRET).header("X-Telegram-Bot-Api-Secret-Token", "other")
                .body(Golden.bytes("telegram/text.json")).build();
        assertRejected(() -> h.adapter().verify(req), 401);
    }

    @Test
    void shouldReadTheSecretHeaderCaseInsensitively() {
        AdapterHarness h = harness();
        h.adapter().verify(h.request(HttpMethod.POST, URL).header("x-telegram-bot-api-secret-token", SECRET)
                .body(Golden.bytes("telegram/text.json")).build());
    }

    // --- updates ---

    @ParameterizedTest
    @ValueSource(strings = {"text", "photo-caption", "document-reply", "voice", "edited", "shared-contact"})
    void shouldNormaliseFixtureToGolden(String name) {
        Intake intake = fixture("telegram/" + name + ".json");
        assertThat(intake.ignored()).isEmpty();
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "telegram/" + name + ".golden.json");
    }

    @Test
    void shouldScopeEventIdToTheBotAndKeepItAcrossRetries() {
        Contact first = fixture("telegram/text.json").contacts().get(0);
        assertThat(first.provider().eventId()).isEqualTo(BOT_ID + ":123456789");
        assertThat(fixture("telegram/text.json").contacts().get(0).provider().eventId()).isEqualTo(first.provider().eventId());
        assertThat(fixture("telegram/edited.json").contacts().get(0).provider().eventId()).isEqualTo(BOT_ID + ":123456793");
    }

    @Test
    void shouldKeepLargestPhotoSizeAsFileIdReference() {
        Contact c = fixture("telegram/photo-caption.json").contacts().get(0);
        assertThat(c.content().attachments()).singleElement().satisfies(a -> {
            assertThat(a.providerId()).endsWith("eQADNQQ");
            assertThat(a.size()).isEqualTo(98340L);
            assertThat(a.url()).isNull();
        });
        assertThat(c.content().text()).isEqualTo("The parcel arrived crushed");
    }

    @Test
    void shouldTakeSenderPhoneOnlyFromTheirOwnSharedContact() {
        assertThat(fixture("telegram/shared-contact.json").contacts().get(0).sender().phone().e164())
                .isEqualTo("+447700900321");
        JsonObject other = new JsonObject(Golden.text("telegram/shared-contact.json"));
        other.getJsonObject("message").getJsonObject("contact").put("user_id", 111);
        Contact c = json(other).contacts().get(0);
        assertThat(c.sender().phone()).isNull();
        assertThat(c.attributes().namespace("telegram").getBoolean("sharedContact")).isTrue();
    }

    @Test
    void shouldAcknowledgeGroupMessagesAndOtherUpdateKindsWithoutContacts() {
        assertThat(fixture("telegram/group-message.json").ignored())
                .containsExactly(new Intake.Ignored("message", "not-private"));
        assertThat(fixture("telegram/callback-query.json").ignored())
                .containsExactly(new Intake.Ignored("callback_query", "unsupported"));
        assertThat(json(new JsonObject().put("update_id", 5).put("channel_post", new JsonObject())).ignored())
                .containsExactly(new Intake.Ignored("channel_post", "unsupported"));
        assertThat(json(new JsonObject().put("update_id", 5).put("future_kind", new JsonObject())).ignored())
                .containsExactly(new Intake.Ignored("unknown", "unsupported"));
        assertThat(json(new JsonObject().put("update_id", 5)).ignored())
                .containsExactly(new Intake.Ignored("unknown", "unsupported"));
    }

    @Test
    void shouldAcknowledgeMessageWithoutChatAsMalformed() {
        assertThat(json(new JsonObject().put("update_id", 9).put("message", new JsonObject().put("message_id", 1)))
                .ignored()).containsExactly(new Intake.Ignored("message", "malformed"));
        assertThat(json(new JsonObject().put("update_id", 9).put("message", "hi")).ignored())
                .containsExactly(new Intake.Ignored("message", "malformed"));
    }

    @Test
    void shouldTreatWrongTypesAsAbsentBecauseTheBodyIsUntrusted() {
        JsonObject update = new JsonObject(Golden.text("telegram/text.json"));
        JsonObject m = update.getJsonObject("message");
        m.put("date", "yesterday").put("text", 42).put("photo", "big").put("caption", new JsonArray())
                .put("reply_to_message", "x").put("document", new JsonObject().put("file_id", 3.5));
        m.getJsonObject("from").put("username", new JsonObject()).put("first_name", 7);
        Contact c = json(update).contacts().get(0);
        assertThat(c.occurredAt()).isNull();
        assertThat(c.content().text()).isNull();
        assertThat(c.content().attachments()).isEmpty();
        assertThat(c.sender().handle()).isNull();
        assertThat(c.sender().userId().id()).isEqualTo("987654321");
    }

    @Test
    void shouldRejectBodiesThatAreNotUpdates() {
        AdapterHarness h = harness();
        for (String body : new String[] {"{}", "{\"update_id\":\"123\"}", "{\"update_id\":-1}", "{\"update_id\":0}",
                "{\"update_id\":1.5}", "{\"update_id\":123456789012345678901234}", "[]", "nope", ""}) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertRejected(() -> h.verifyAndParse(signed(h, bytes)), 400);
        }
    }

    @Test
    void shouldReplyEmpty200() {
        AdapterHarness h = harness();
        InboundRequest req = signed(h, Golden.bytes("telegram/text.json"));
        HttpReply reply = h.replyAllNew(req, h.verifyAndParse(req));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().length()).isZero();
    }

    // --- configuration ---

    @Test
    void shouldRequireSecretToken() {
        assertThatThrownBy(() -> AdapterHarness.of(new TelegramAdapterFactory(), "t",
                new JsonObject().put("botId", BOT_ID), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("secretToken");
    }

    @Test
    void shouldRequireBotId() {
        assertThatThrownBy(() -> AdapterHarness.of(new TelegramAdapterFactory(), "t",
                new JsonObject().put("secretToken", "${env:S}"), Map.of("S", SECRET)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("botId");
    }

    @Test
    void shouldRefuseBotTokenGivenAsBotId() {
        assertThatThrownBy(() -> harness(new JsonObject().put("botId", BOT_ID + ":AAH-abcdef")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("botId");
    }

    @Test
    void shouldRefuseSecretTokenTelegramWouldRefuseWithoutEchoingIt() {
        assertThatThrownBy(() -> AdapterHarness.of(new TelegramAdapterFactory(), "t",
                new JsonObject().put("secretToken", "${env:S}").put("botId", BOT_ID), Map.of("S", "has spaces/slash!")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("secretToken")
                .hasMessageNotContaining("has spaces/slash!");
    }

    @Test
    void shouldRefuseLiteralSecretToken() {
        assertThatThrownBy(() -> AdapterHarness.of(new TelegramAdapterFactory(), "t",
                new JsonObject().put("secretToken", SECRET).put("botId", BOT_ID), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("secretToken").hasMessageNotContaining(SECRET);
    }

    @Test
    void shouldDocumentEveryConfigKey() {
        assertThat(new TelegramAdapterFactory().configSpec().keys())
                .allSatisfy(k -> assertThat(k.documentation()).isNotBlank());
    }

    static void assertRejected(Runnable r, int status) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(RequestRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }
}

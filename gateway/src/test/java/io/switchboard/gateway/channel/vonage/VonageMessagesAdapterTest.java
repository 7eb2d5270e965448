package io.switchboard.gateway.channel.vonage;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.Contact;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static io.switchboard.gateway.channel.vonage.VonageVoiceAdapterTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VonageMessagesAdapterTest {

    static final String URL = "https://hooks.example.com/webhooks/acme-messages";
    static final Instant NOW = Instant.parse("2025-02-03T12:20:05Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static AdapterHarness harness(JsonObject config, Map<String, String> env) {
        return AdapterHarness.of(new VonageMessagesAdapterFactory(), "acme-messages", config, env, CLOCK);
    }

    static AdapterHarness harness() {
        return harness(new JsonObject().put("signatureSecret", "${env:VONAGE_SIGNATURE_SECRET}"),
                Map.of("VONAGE_SIGNATURE_SECRET", VonageTestTokens.SECRET));
    }

    static InboundRequest post(AdapterHarness h, byte[] body, String authorization) {
        AdapterHarness.RequestBuilder b = h.request(HttpMethod.POST, URL).header("Content-Type", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.body(body).build();
    }

    static InboundRequest signed(AdapterHarness h, byte[] body) {
        return post(h, body, VonageTestTokens.bearer(NOW.getEpochSecond() - 3, body));
    }

    private static Intake fixture(String resource) {
        AdapterHarness h = harness();
        return h.verifyAndParse(signed(h, Golden.bytes(resource)));
    }

    private static Intake json(JsonObject payload) {
        AdapterHarness h = harness();
        return h.verifyAndParse(signed(h, payload.encode().getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages-sms", "messages-whatsapp-image", "messages-whatsapp-location",
            "messages-messenger", "messages-viber", "messages-rcs", "messages-mms", "messages-legacy-v01",
            "messages-status-delivered", "messages-status-rejected"})
    void shouldNormaliseFixtureToGolden(String name) {
        Intake intake = fixture("vonage/" + name + ".json");
        assertThat(intake.ignored()).isEmpty();
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "vonage/" + name + ".golden.json");
    }

    @Test
    void shouldDeduplicateOnMessageUuidAndStatusesOnUuidPlusStatus() {
        Contact in = fixture("vonage/messages-sms.json").contacts().get(0);
        assertThat(in.provider().eventId()).isEqualTo("aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab");
        assertThat(fixture("vonage/messages-sms.json").contacts().get(0).provider().eventId())
                .isEqualTo(in.provider().eventId());
        JsonObject status = new JsonObject(Golden.text("vonage/messages-status-delivered.json"));
        String delivered = json(status).contacts().get(0).provider().eventId();
        String read = json(status.copy().put("status", "read")).contacts().get(0).provider().eventId();
        assertThat(delivered).isEqualTo("9c8b7a6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d:delivered");
        assertThat(read).isEqualTo("9c8b7a6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d:read");
    }

    @Test
    void shouldKeepPossibleNumberEvenWhenMetadataCallsItInvalid() {
        Contact c = fixture("vonage/messages-sms.json").contacts().get(0);
        assertThat(c.sender().phone().e164()).isEqualTo("+447700900123");
        assertThat(c.sender().phone().valid()).isFalse();
        Contact us = fixture("vonage/messages-whatsapp-location.json").contacts().get(0);
        assertThat(us.sender().phone().e164()).isEqualTo("+12025550143");
        assertThat(us.sender().phone().raw()).isEqualTo("12025550143");
    }

    @Test
    void shouldKeepImpossibleNumberRawWithoutE164() {
        JsonObject p = new JsonObject(Golden.text("vonage/messages-sms.json")).put("from", "12345");
        Contact c = json(p).contacts().get(0);
        assertThat(c.sender().phone().e164()).isNull();
        assertThat(c.sender().phone().raw()).isEqualTo("12345");
    }

    @Test
    void shouldKeyMessengerSenderLikeTheMetaChannel() {
        Contact c = fixture("vonage/messages-messenger.json").contacts().get(0);
        assertThat(c.sender().userId().key()).isEqualTo("meta:109876543210987:5512345678901234");
        assertThat(c.sender().phone()).isNull();
    }

    @Test
    void shouldKeepUnknownChannelsAsMessages() {
        Contact c = json(new JsonObject().put("message_uuid", "u-1").put("channel", "email").put("from", "user-7")
                .put("to", "acme").put("message_type", "text").put("text", "hello there")).contacts().get(0);
        assertThat(c.sender().userId().key()).isEqualTo("vonage:email:user-7");
        assertThat(c.attributes().getString("vonage", "channel")).isEqualTo("email");
    }

    @Test
    void shouldTolerateWrongTypesInSignedBody() {
        Contact c = json(new JsonObject().put("message_uuid", "u-2").put("channel", 7).put("from", new JsonObject())
                .put("timestamp", false).put("image", "x").put("message_type", "image").put("profile", "p"))
                .contacts().get(0);
        assertThat(c.content().attachments()).isEmpty();
        assertThat(c.occurredAt()).isNull();
    }

    @Test
    void shouldRejectSignedBodyWithoutMessageUuidOrWithBadStatus() {
        AdapterHarness h = harness();
        for (String body : new String[] {"{}", "{\"message_uuid\":7.5}", "{\"message_uuid\":\"u\",\"status\":\"Dëlivered!\"}",
                "{\"message_uuid\":\"u\",\"status\":3}", "[]", "nope"}) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertRejected(() -> h.verifyAndParse(signed(h, bytes)), 400);
        }
    }

    @Test
    void shouldReplyEmpty200() {
        AdapterHarness h = harness();
        InboundRequest req = signed(h, Golden.bytes("vonage/messages-sms.json"));
        HttpReply reply = h.replyAllNew(req, h.verifyAndParse(req));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().length()).isZero();
    }

    // --- signature (shared by both Vonage types) ---

    @Test
    void shouldRejectTamperedBody() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        String auth = VonageTestTokens.bearer(NOW.getEpochSecond(), body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Monday", "Friday").getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> h.adapter().verify(post(h, tampered, auth)), 401);
        h.adapter().verify(post(h, body, auth));
    }

    @Test
    void shouldRejectTokenSignedWithWrongSecret() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        String jwt = VonageTestTokens.jwt("0123456789abcdef0123456789abcdef", VonageTestTokens.claims(NOW.getEpochSecond(), body));
        assertRejected(() -> h.adapter().verify(post(h, body, "Bearer " + jwt)), 401);
    }

    @Test
    void shouldRejectMissingOrNonBearerAuthorization() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        String jwt = VonageTestTokens.jwt(VonageTestTokens.SECRET, VonageTestTokens.claims(NOW.getEpochSecond(), body));
        for (String auth : new String[] {"", "Bearer", "Bearer ", jwt, "Basic " + jwt, "Bearer  x.y.z"}) {
            assertRejected(() -> h.adapter().verify(post(h, body, auth)), 401);
        }
        h.adapter().verify(post(h, body, "bearer " + jwt));
    }

    @Test
    void shouldAnswerUnsignedCallbackWith429SoThatVonageRetriesItSigned() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        assertThatThrownBy(() -> h.verifyAndParse(post(h, body, null))).isInstanceOfSatisfying(
                io.switchboard.spi.channel.RequestRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).isPositive();
                });
    }

    @Test
    void shouldRejectStaleAndFutureTokens() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        long now = NOW.getEpochSecond();
        assertRejected(() -> h.adapter().verify(post(h, body, VonageTestTokens.bearer(now - 301 - 30, body))), 401);
        assertRejected(() -> h.adapter().verify(post(h, body, VonageTestTokens.bearer(now + 31, body))), 401);
        h.adapter().verify(post(h, body, VonageTestTokens.bearer(now - 299, body)));
        h.adapter().verify(post(h, body, VonageTestTokens.bearer(now + 29, body)));
    }

    @Test
    void shouldHonourConfiguredReplayWindow() {
        AdapterHarness h = harness(new JsonObject().put("signatureSecret", "${env:S}").put("maxTokenAge", "1h"),
                Map.of("S", VonageTestTokens.SECRET));
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        h.adapter().verify(post(h, body, VonageTestTokens.bearer(NOW.getEpochSecond() - 3000, body)));
        assertRejected(() -> h.adapter().verify(post(h, body, VonageTestTokens.bearer(NOW.getEpochSecond() - 3700, body))), 401);
    }

    @Test
    void shouldRejectExpiredToken() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        JsonObject claims = VonageTestTokens.claims(NOW.getEpochSecond(), body).put("exp", NOW.getEpochSecond() - 60);
        assertRejected(() -> h.adapter().verify(post(h, body, "Bearer " + VonageTestTokens.jwt(VonageTestTokens.SECRET, claims))), 401);
    }

    @Test
    void shouldRejectTokenWithoutPayloadHashOrWithMalformedOne() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        for (Object hash : new Object[] {null, "", "abc", 12, VonageTestTokens.sha256Hex(body).toUpperCase() + "0"}) {
            JsonObject claims = VonageTestTokens.claims(NOW.getEpochSecond(), body);
            if (hash == null) {
                claims.remove("payload_hash");
            } else {
                claims.put("payload_hash", hash);
            }
            assertRejected(() -> h.adapter().verify(post(h, body, "Bearer " + VonageTestTokens.jwt(VonageTestTokens.SECRET, claims))), 401);
        }
    }

    @Test
    void shouldAcceptUppercaseHexPayloadHash() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        JsonObject claims = VonageTestTokens.claims(NOW.getEpochSecond(), body)
                .put("payload_hash", VonageTestTokens.sha256Hex(body).toUpperCase());
        h.adapter().verify(post(h, body, "Bearer " + VonageTestTokens.jwt(VonageTestTokens.SECRET, claims)));
    }

    @Test
    void shouldRejectAlgNoneEvenWithGenuineClaims() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(VonageTestTokens.claims(NOW.getEpochSecond(), body).encode().getBytes(StandardCharsets.UTF_8)) + ".";
        assertRejected(() -> h.adapter().verify(post(h, body, "Bearer " + none)), 401);
    }

    @Test
    void shouldPickTheSecretByApiKeyClaim() {
        AdapterHarness h = harness(new JsonObject().put("signatureSecret", "${env:MAIN}").put("apiKey", "abcd1234")
                .put("accounts", new io.vertx.core.json.JsonArray().add(new JsonObject().put("apiKey", "sub98765")
                        .put("signatureSecret", "${env:SUB}"))),
                Map.of("MAIN", VonageTestTokens.SECRET, "SUB", "f0e1d2c3b4a5968778695a4b3c2d1e0f"));
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        JsonObject main = VonageTestTokens.claims(NOW.getEpochSecond(), body);
        JsonObject sub = main.copy().put("api_key", "sub98765");
        h.adapter().verify(post(h, body, "Bearer " + VonageTestTokens.jwt(VonageTestTokens.SECRET, main)));
        h.adapter().verify(post(h, body, "Bearer " + VonageTestTokens.jwt("f0e1d2c3b4a5968778695a4b3c2d1e0f", sub)));
        // The sub-account's key claimed but signed with the main secret, and the reverse: refused.
        assertRejected(() -> h.adapter().verify(post(h, body, "Bearer " + VonageTestTokens.jwt(VonageTestTokens.SECRET, sub))), 401);
        assertRejected(() -> h.adapter().verify(post(h, body, "Bearer " + VonageTestTokens.jwt("f0e1d2c3b4a5968778695a4b3c2d1e0f", main))), 401);
        // An api_key nobody configured: no fallback when apiKey is declared.
        JsonObject other = main.copy().put("api_key", "zzzz0000");
        assertRejected(() -> h.adapter().verify(post(h, body, "Bearer " + VonageTestTokens.jwt(VonageTestTokens.SECRET, other))), 401);
        assertThat(h.verifyAndParse(post(h, body, "Bearer " + VonageTestTokens.jwt("f0e1d2c3b4a5968778695a4b3c2d1e0f", sub)))
                .contacts().get(0).provider().account()).isEqualTo("sub98765");
    }

    @Test
    void shouldRejectTokenForAnotherApplicationWhenApplicationIdIsSet() {
        AdapterHarness h = harness(new JsonObject().put("signatureSecret", "${env:S}")
                .put("applicationId", VonageTestTokens.APPLICATION_ID), Map.of("S", VonageTestTokens.SECRET));
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        h.adapter().verify(post(h, body, VonageTestTokens.bearer(NOW.getEpochSecond(), body)));
        JsonObject other = VonageTestTokens.claims(NOW.getEpochSecond(), body)
                .put("application_id", "bbbbbbbb-bbbb-cccc-dddd-0123456789ab");
        assertRejected(() -> h.adapter().verify(post(h, body, "Bearer " + VonageTestTokens.jwt(VonageTestTokens.SECRET, other))), 401);
    }

    // --- configuration ---

    @Test
    void shouldRequireASignatureSecret() {
        assertThatThrownBy(() -> harness(new JsonObject(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("signatureSecret");
    }

    @Test
    void shouldRefuseLiteralSignatureSecret() {
        assertThatThrownBy(() -> harness(new JsonObject().put("signatureSecret", VonageTestTokens.SECRET), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("signatureSecret")
                .hasMessageNotContaining(VonageTestTokens.SECRET);
    }

    @Test
    void shouldRefuseApiKeyDeclaredTwice() {
        assertThatThrownBy(() -> harness(new JsonObject().put("signatureSecret", "${env:S}").put("apiKey", "abcd1234")
                .put("accounts", new io.vertx.core.json.JsonArray().add(new JsonObject().put("apiKey", "abcd1234")
                        .put("signatureSecret", "${env:S}"))), Map.of("S", "s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("accounts[0].apiKey");
    }

    @Test
    void shouldAcceptAccountsWithoutTopLevelSecret() {
        AdapterHarness h = harness(new JsonObject().put("accounts", new io.vertx.core.json.JsonArray()
                .add(new JsonObject().put("apiKey", "abcd1234").put("signatureSecret", "${env:S}"))),
                Map.of("S", VonageTestTokens.SECRET));
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        h.adapter().verify(post(h, body, VonageTestTokens.bearer(NOW.getEpochSecond(), body)));
    }

    @Test
    void shouldDocumentEveryConfigKey() {
        assertThat(new VonageMessagesAdapterFactory().configSpec().keys())
                .allSatisfy(k -> assertThat(k.documentation()).isNotBlank());
    }
}

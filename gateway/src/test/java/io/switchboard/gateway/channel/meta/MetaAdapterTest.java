package io.switchboard.gateway.channel.meta;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetaAdapterTest {

    static final String SECRET = "3f1e9c7a5b2d4e6f8a0b1c2d3e4f5a6b";
    static final String VERIFY_TOKEN = "meatball-sandwich-42";
    static final String URL = "https://hooks.example.com/webhooks/acme-meta";

    static AdapterHarness harness(String secret, JsonObject extra) {
        JsonObject config = new JsonObject().put("appSecret", "${env:META_APP_SECRET}")
                .put("verifyToken", "${env:META_VERIFY_TOKEN}").mergeIn(extra);
        return AdapterHarness.of(new MetaAdapterFactory(), "acme-meta", config,
                Map.of("META_APP_SECRET", secret, "META_VERIFY_TOKEN", VERIFY_TOKEN));
    }

    static AdapterHarness harness() {
        return harness(SECRET, new JsonObject());
    }

    /** Signs as Meta does (lowercase hex HMAC), computed here independently of the adapter's code. */
    static String hmacHex(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String sign(String secret, byte[] body) {
        return "sha256=" + hmacHex("HmacSHA256", secret, body);
    }

    static InboundRequest post(AdapterHarness h, byte[] body, Map<String, String> headers) {
        AdapterHarness.RequestBuilder b = h.request(HttpMethod.POST, URL).header("Content-Type", "application/json");
        headers.forEach(b::header);
        return b.body(body).build();
    }

    static InboundRequest signed(AdapterHarness h, byte[] body) {
        return post(h, body, Map.of("X-Hub-Signature-256", sign(SECRET, body)));
    }

    private static Intake fixture(String resource) {
        AdapterHarness h = harness();
        return h.verifyAndParse(signed(h, Golden.bytes(resource)));
    }

    private static Intake json(JsonObject payload) {
        AdapterHarness h = harness();
        return h.verifyAndParse(signed(h, payload.encode().getBytes(StandardCharsets.UTF_8)));
    }

    // --- PROTOCOLS.md 2.2: signatures ---

    @Test
    void shouldAcceptWhatsAppSdkVector() {
        AdapterHarness h = harness("TEST_APP_SECRET", new JsonObject());
        h.adapter().verify(post(h, "test".getBytes(StandardCharsets.UTF_8), Map.of("X-Hub-Signature-256",
                "sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221")));
    }

    @Test
    void shouldAcceptUppercaseHexSignature() {
        AdapterHarness h = harness("TEST_APP_SECRET", new JsonObject());
        h.adapter().verify(post(h, "test".getBytes(StandardCharsets.UTF_8), Map.of("X-Hub-Signature-256",
                "sha256=0C61947B610D4F45E65F3D680E26027121EC2413E77598BCB6CFC6E0D9888221")));
    }

    @Test
    void shouldVerifyEscapedUnicodeOverRawBytesNotDecodedText() {
        AdapterHarness h = harness();
        String escaped = "{\"object\":\"page\",\"entry\":[{\"id\":\"109876543210987\",\"time\":1700000000000,"
                + "\"messaging\":[{\"sender\":{\"id\":\"5512345678901234\"},\"recipient\":{\"id\":\"109876543210987\"},"
                + "\"timestamp\":1700000000000,\"message\":{\"mid\":\"m_unicode\",\"text\":\"\\u00e4\\u00f6\\u00e5\"}}]}]}";
        String decoded = escaped.replace("\\u00e4\\u00f6\\u00e5", "äöå");
        byte[] body = escaped.getBytes(StandardCharsets.US_ASCII);

        Intake intake = h.verifyAndParse(post(h, body, Map.of("X-Hub-Signature-256", sign(SECRET, body))));
        assertThat(intake.contacts().get(0).content().text()).isEqualTo("äöå");

        String overDecoded = sign(SECRET, decoded.getBytes(StandardCharsets.UTF_8));
        assertRejected(() -> h.adapter().verify(post(h, body, Map.of("X-Hub-Signature-256", overDecoded))), 401);
    }

    @Test
    void shouldRejectTamperedBody() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("meta/whatsapp-text.json");
        String signature = sign(SECRET, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("another color", "another colour")
                .getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> h.adapter().verify(post(h, tampered, Map.of("X-Hub-Signature-256", signature))), 401);
    }

    @Test
    void shouldRejectSignatureMadeWithWrongSecret() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("meta/whatsapp-text.json");
        assertRejected(() -> h.adapter().verify(post(h, body,
                Map.of("X-Hub-Signature-256", sign("wrong-secret", body)))), 401);
    }

    @Test
    void shouldRejectMissingSignatureHeader() {
        AdapterHarness h = harness();
        assertRejected(() -> h.adapter().verify(post(h, Golden.bytes("meta/whatsapp-text.json"), Map.of())), 401);
    }

    @Test
    void shouldRejectMalformedSignatureHeaders() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("meta/whatsapp-text.json");
        String hex = hmacHex("HmacSHA256", SECRET, body);
        for (String bad : new String[] {"", "sha256=", hex, "sha1=" + hex, "sha256:" + hex, "sha256=" + hex.substring(2),
                "sha256=" + hex + "00", "sha256=" + hex.substring(0, 62) + "zz", "sha256= " + hex.substring(1)}) {
            assertRejected(() -> h.adapter().verify(post(h, body, Map.of("X-Hub-Signature-256", bad))), 401);
        }
    }

    @Test
    void shouldRejectLegacySha1SignatureByDefault() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("meta/whatsapp-text.json");
        String sha1 = "sha1=" + hmacHex("HmacSHA1", SECRET, body);
        assertRejected(() -> h.adapter().verify(post(h, body, Map.of("X-Hub-Signature", sha1))), 401);
    }

    @Test
    void shouldAcceptLegacySha1SignatureWhenConfigured() {
        AdapterHarness h = harness(SECRET, new JsonObject().put("acceptSha1", true));
        byte[] body = Golden.bytes("meta/whatsapp-text.json");
        h.adapter().verify(post(h, body, Map.of("X-Hub-Signature", "sha1=" + hmacHex("HmacSHA1", SECRET, body))));
        assertRejected(() -> h.adapter().verify(post(h, body,
                Map.of("X-Hub-Signature", "sha1=" + hmacHex("HmacSHA1", "wrong-secret", body)))), 401);
    }

    @Test
    void shouldNotFallBackToSha1WhenSha256HeaderIsWrong() {
        AdapterHarness h = harness(SECRET, new JsonObject().put("acceptSha1", true));
        byte[] body = Golden.bytes("meta/whatsapp-text.json");
        assertRejected(() -> h.adapter().verify(post(h, body, Map.of(
                "X-Hub-Signature-256", sign("wrong-secret", body),
                "X-Hub-Signature", "sha1=" + hmacHex("HmacSHA1", SECRET, body)))), 401);
    }

    // --- PROTOCOLS.md 2.1: verification GET ---

    @Test
    void shouldEchoChallengeForRightVerifyToken() {
        AdapterHarness h = harness();
        InboundRequest req = h.request(HttpMethod.GET,
                URL + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + VERIFY_TOKEN).build();
        HttpReply reply = h.adapter().handshake(req).orElseThrow();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().get("Content-Type")).startsWith("text/plain");
        assertThat(reply.body().toString(StandardCharsets.UTF_8)).isEqualTo("1158201444");
    }

    @Test
    void shouldEchoChallengeExactlyAsReceived() {
        AdapterHarness h = harness();
        InboundRequest req = h.request(HttpMethod.GET, URL + "?hub.verify_token=" + VERIFY_TOKEN
                + "&hub.challenge=a%2Bb%20c%3D%3D&hub.mode=subscribe").build();
        assertThat(h.adapter().handshake(req).orElseThrow().body().toString(StandardCharsets.UTF_8))
                .isEqualTo("a+b c==");
    }

    @Test
    void shouldForbidWrongVerifyToken() {
        AdapterHarness h = harness();
        assertRejected(() -> h.adapter().handshake(h.request(HttpMethod.GET,
                URL + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess").build()), 403);
        assertRejected(() -> h.adapter().handshake(h.request(HttpMethod.GET,
                URL + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + VERIFY_TOKEN + "x").build()), 403);
        assertRejected(() -> h.adapter().handshake(h.request(HttpMethod.GET,
                URL + "?hub.mode=subscribe&hub.challenge=1158201444").build()), 403);
    }

    @Test
    void shouldRefuseGetWithoutHubParameters() {
        AdapterHarness h = harness();
        assertRejected(() -> h.adapter().handshake(h.request(HttpMethod.GET, URL).build()), 400);
        assertRejected(() -> h.adapter().handshake(h.request(HttpMethod.GET, URL + "?foo=bar").build()), 400);
    }

    @Test
    void shouldRefuseGetWithOtherModeOrNoChallenge() {
        AdapterHarness h = harness();
        assertRejected(() -> h.adapter().handshake(h.request(HttpMethod.GET,
                URL + "?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=" + VERIFY_TOKEN).build()), 400);
        assertRejected(() -> h.adapter().handshake(h.request(HttpMethod.GET,
                URL + "?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN).build()), 400);
    }

    @Test
    void shouldNotTreatPostAsHandshake() {
        AdapterHarness h = harness();
        assertThat(h.adapter().handshake(post(h, new byte[0], Map.of()))).isEmpty();
    }

    // --- Messenger ---

    @Test
    void shouldNormaliseMessengerText() {
        Intake intake = fixture("meta/messenger-text.json");
        assertThat(intake.ignored()).isEmpty();
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "meta/messenger-text.golden.json");
    }

    @Test
    void shouldKeepMessengerAttachmentsAsReferencesAndReplyTo() {
        Intake intake = fixture("meta/messenger-attachments.json");
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "meta/messenger-attachments.golden.json");
    }

    @Test
    void shouldIgnoreMessengerEcho() {
        Intake intake = fixture("meta/messenger-echo.json");
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("messages", "echo"));
    }

    @Test
    void shouldTurnDeliveryIntoStatusContact() {
        Intake intake = fixture("meta/messenger-delivery.json");
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "meta/messenger-delivery.golden.json");
    }

    @Test
    void shouldTurnReadIntoStatusContact() {
        JsonObject payload = new JsonObject(Golden.text("meta/messenger-delivery.json"));
        JsonObject event = payload.getJsonArray("entry").getJsonObject(0).getJsonArray("messaging").getJsonObject(0);
        event.remove("delivery");
        event.put("read", new JsonObject().put("watermark", 1700000331000L));
        Contact c = json(payload).contacts().get(0);
        assertThat(c.kind()).isEqualTo(ContactKind.STATUS);
        assertThat(c.provider().eventId()).isEqualTo("5512345678901234:1700000331000:read");
        assertThat(c.provider().eventType()).isEqualTo("message_reads");
        assertThat(c.attributes().getString("meta", "status")).isEqualTo("read");
    }

    @Test
    void shouldTakeStandbyMessagesAndAcknowledgePostbacks() {
        JsonObject payload = new JsonObject(Golden.text("meta/messenger-text.json"));
        JsonObject entry = payload.getJsonArray("entry").getJsonObject(0);
        JsonObject message = entry.getJsonArray("messaging").getJsonObject(0);
        entry.put("messaging", new JsonArray().add(new JsonObject()
                .put("sender", new JsonObject().put("id", "5512345678901234"))
                .put("recipient", new JsonObject().put("id", "109876543210987"))
                .put("timestamp", 1700000122000L)
                .put("postback", new JsonObject().put("title", "Get Started").put("payload", "GET_STARTED"))));
        entry.put("standby", new JsonArray().add(message));
        Intake intake = json(payload);
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("messaging_postbacks", "unsupported"));
        assertThat(intake.contacts()).hasSize(1);
        assertThat(intake.contacts().get(0).raw().pointer()).isEqualTo("/entry/0/standby/0");
        assertThat(intake.contacts().get(0).attributes().namespace("meta").getBoolean("standby")).isTrue();
    }

    // --- Page feed ---

    @Test
    void shouldNormalisePageFeedComment() {
        Intake intake = fixture("meta/page-comment.json");
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "meta/page-comment.golden.json");
    }

    @Test
    void shouldLeaveInReplyToEmptyForTopLevelComment() {
        JsonObject payload = new JsonObject(Golden.text("meta/page-comment.json"));
        JsonObject value = payload.getJsonArray("entry").getJsonObject(0).getJsonArray("changes").getJsonObject(0)
                .getJsonObject("value");
        value.put("parent_id", value.getString("post_id"));
        Contact c = json(payload).contacts().get(0);
        assertThat(c.thread().inReplyTo()).isNull();
        assertThat(c.thread().rootId()).isEqualTo("109876543210987_122112345678901234");
    }

    @Test
    void shouldIgnorePagesOwnComment() {
        Intake intake = fixture("meta/page-own-comment.json");
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("feed", "own-post"));
    }

    @Test
    void shouldAcknowledgeOtherFeedItemsAndFields() {
        JsonObject payload = new JsonObject(Golden.text("meta/page-comment.json"));
        JsonArray changes = payload.getJsonArray("entry").getJsonObject(0).getJsonArray("changes");
        changes.getJsonObject(0).getJsonObject("value").put("verb", "edited");
        changes.add(new JsonObject().put("field", "feed").put("value", new JsonObject().put("item", "reaction")
                .put("verb", "add").put("reaction_type", "like")));
        changes.add(new JsonObject().put("field", "ratings").put("value", new JsonObject()));
        Intake intake = json(payload);
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("feed", "unsupported"),
                new Intake.Ignored("feed", "unsupported"), new Intake.Ignored("ratings", "unsupported"));
    }

    // --- Instagram ---

    @Test
    void shouldNormaliseInstagramDirectMessage() {
        Intake intake = fixture("meta/ig-dm.json");
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "meta/ig-dm.golden.json");
    }

    @Test
    void shouldNormaliseInstagramComment() {
        Intake intake = fixture("meta/ig-comment.json");
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "meta/ig-comment.golden.json");
    }

    @Test
    void shouldIgnoreInstagramAccountsOwnComment() {
        JsonObject payload = new JsonObject(Golden.text("meta/ig-comment.json"));
        payload.getJsonArray("entry").getJsonObject(0).getJsonArray("changes").getJsonObject(0).getJsonObject("value")
                .getJsonObject("from").put("id", "17841400123456789");
        Intake intake = json(payload);
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("comments", "own-post"));
    }

    // --- WhatsApp ---

    @Test
    void shouldNormaliseOfficialWhatsAppTextExample() {
        Intake intake = fixture("meta/whatsapp-text.json");
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "meta/whatsapp-text.golden.json");
    }

    @Test
    void shouldKeepWhatsAppImageAsMediaIdReference() {
        Intake intake = fixture("meta/whatsapp-image.json");
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "meta/whatsapp-image.golden.json");
    }

    @Test
    void shouldTurnEachWhatsAppStatusIntoStatusContact() {
        Intake intake = fixture("meta/whatsapp-statuses.json");
        assertThat(intake.contacts()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Golden.assertMatches(intake.contacts().get(i), "meta/whatsapp-statuses." + i + ".golden.json");
        }
    }

    @Test
    void shouldSplitBatchIntoOneContactPerMessageWithItsPointer() {
        Intake intake = fixture("meta/whatsapp-batch.json");
        List<Contact> contacts = intake.contacts();
        assertThat(contacts).extracting(c -> c.raw().pointer()).containsExactly(
                "/entry/0/changes/0/value/messages/0", "/entry/0/changes/0/value/messages/1",
                "/entry/1/changes/0/value/messages/0", "/entry/1/changes/0/value/messages/1");
        assertThat(contacts).extracting(c -> c.provider().eventId()).containsExactly(
                "wamid.BATCH-E0-M0", "wamid.BATCH-E0-M1", "wamid.BATCH-E1-M0", "wamid.BATCH-E1-M1");
        assertThat(contacts).extracting(c -> c.raw().id()).containsOnly(contacts.get(0).raw().id());
        for (int i = 0; i < 4; i++) {
            Golden.assertMatches(contacts.get(i), "meta/whatsapp-batch." + i + ".golden.json");
        }
    }

    @Test
    void shouldReadWhatsAppTimestampAsNumberToo() {
        JsonObject payload = new JsonObject(Golden.text("meta/whatsapp-text.json"));
        payload.getJsonArray("entry").getJsonObject(0).getJsonArray("changes").getJsonObject(0).getJsonObject("value")
                .getJsonArray("messages").getJsonObject(0).put("timestamp", 1749416383);
        assertThat(json(payload).contacts().get(0).occurredAt()).hasToString("2025-06-08T20:59:43Z");
    }

    @Test
    void shouldAcknowledgeOtherWhatsAppFields() {
        JsonObject payload = new JsonObject().put("object", "whatsapp_business_account").put("entry", new JsonArray()
                .add(new JsonObject().put("id", "102290129340398").put("changes", new JsonArray()
                        .add(new JsonObject().put("field", "message_template_status_update")
                                .put("value", new JsonObject().put("event", "APPROVED"))))));
        Intake intake = json(payload);
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("message_template_status_update", "unsupported"));
    }

    @Test
    void shouldIgnoreMessageWithoutIdInsteadOfFailingTheBatch() {
        JsonObject payload = new JsonObject(Golden.text("meta/whatsapp-text.json"));
        payload.getJsonArray("entry").getJsonObject(0).getJsonArray("changes").getJsonObject(0).getJsonObject("value")
                .getJsonArray("messages").add(new JsonObject().put("from", "16505551234").put("type", "text"));
        Intake intake = json(payload);
        assertThat(intake.contacts()).hasSize(1);
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("messages", "malformed"));
    }

    // --- envelope ---

    @Test
    void shouldAcknowledgeUnknownObject() {
        Intake intake = json(new JsonObject().put("object", "permissions").put("entry", new JsonArray()));
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("permissions", "unsupported"));
    }

    @Test
    void shouldRejectSignedBodyWithoutObjectOrEntry() {
        AdapterHarness h = harness();
        for (String body : new String[] {"{}", "{\"object\":7}", "{\"object\":\"page\"}",
                "{\"object\":\"page\",\"entry\":{}}", "[]", "not json"}) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertRejected(() -> h.verifyAndParse(signed(h, bytes)), 400);
        }
    }

    @Test
    void shouldReplyEventReceived() {
        AdapterHarness h = harness();
        InboundRequest req = signed(h, Golden.bytes("meta/messenger-text.json"));
        HttpReply reply = h.replyAllNew(req, h.verifyAndParse(req));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString(StandardCharsets.UTF_8)).isEqualTo("EVENT_RECEIVED");
    }

    // --- configuration ---

    @Test
    void shouldRequireAppSecret() {
        assertThatThrownBy(() -> AdapterHarness.of(new MetaAdapterFactory(), "m",
                new JsonObject().put("verifyToken", "${env:T}"), Map.of("T", "t")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("appSecret");
    }

    @Test
    void shouldRequireVerifyToken() {
        assertThatThrownBy(() -> AdapterHarness.of(new MetaAdapterFactory(), "m",
                new JsonObject().put("appSecret", "${env:S}"), Map.of("S", "s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("verifyToken");
    }

    @Test
    void shouldRefuseLiteralAppSecret() {
        assertThatThrownBy(() -> AdapterHarness.of(new MetaAdapterFactory(), "m",
                new JsonObject().put("appSecret", SECRET).put("verifyToken", "${env:T}"), Map.of("T", "t")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("appSecret");
    }

    @Test
    void shouldDocumentEveryConfigKey() {
        assertThat(new MetaAdapterFactory().configSpec().keys())
                .allSatisfy(k -> assertThat(k.documentation()).isNotBlank());
    }

    static void assertRejected(Runnable r, int status) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(RequestRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }
}

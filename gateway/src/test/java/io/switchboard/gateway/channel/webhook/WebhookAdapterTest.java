package io.switchboard.gateway.channel.webhook;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookAdapterTest {

    static final String URL = "https://hooks.example.com/webhooks/acme-chat";

    // --- PROTOCOLS.md 7: the official vector (standard-webhooks TestScenario, Svix WebhookTest) ---
    static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String VECTOR_TS = "1614265330";
    static final String VECTOR_PAYLOAD = "{\"test\": 2432232314}";
    static final String VECTOR_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    /** The secret the fixtures are signed with (24 random bytes, base64). */
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "relay-chat-fixture-key-1".getBytes(StandardCharsets.UTF_8));

    static final JsonObject CHAT_MAPPING = new JsonObject()
            .put("eventType", "/type")
            .put("eventId", "/data/id")
            .put("occurredAt", "/data/created_at")
            .put("text", "/data/body")
            .put("threadId", "/data/conversation/id")
            .put("inReplyTo", "/data/reply_to")
            .put("sender", new JsonObject().put("id", "/data/author/id").put("handle", "/data/author/username")
                    .put("name", "/data/author/display_name").put("phone", "/data/author/phone")
                    .put("email", "/data/author/email"))
            .put("recipient", new JsonObject().put("kind", "email").put("id", "/data/inbox/id")
                    .put("address", "/data/inbox/address").put("name", "/data/inbox/name"))
            .put("attributes", new JsonObject().put("orderId", "/data/metadata/order_id")
                    .put("pageUrl", "/data/metadata/page_url").put("tags", "/data/metadata/tags")
                    .put("widget", "/data/conversation/channel"));

    static final JsonObject TICKET_MAPPING = new JsonObject()
            .put("kind", "/data/ticket/kind")
            .put("eventType", "/type")
            .put("eventId", "/data/ticket/number")
            .put("occurredAt", "/data/ticket/opened_at")
            .put("subject", "/data/ticket/subject")
            .put("text", "/data/ticket/description")
            .put("sender", new JsonObject().put("id", "/data/ticket/requester/contact_id")
                    .put("name", "/data/ticket/requester/name").put("phone", "/data/ticket/requester/mobile")
                    .put("email", "/data/ticket/requester/email"))
            .put("recipient", new JsonObject().put("id", "/data/ticket/queue/id").put("name", "/data/ticket/queue/name"))
            .put("attributes", new JsonObject().put("priority", "/data/ticket/priority"));

    static AdapterHarness harness(String secret, JsonObject extra, Clock clock) {
        JsonObject config = new JsonObject().put("secret", "${env:WEBHOOK_SECRET}").mergeIn(extra);
        return AdapterHarness.of(new WebhookAdapterFactory(), "acme-chat", config, Map.of("WEBHOOK_SECRET", secret),
                clock);
    }

    static AdapterHarness chat() {
        return harness(SECRET, new JsonObject().put("provider", "relaychat").put("defaultRegion", "GB")
                .put("mapping", CHAT_MAPPING), Clock.systemUTC());
    }

    /** Signs as the spec says, computed here independently of the adapter's code. */
    static String sign(String secret, String id, String ts, byte[] body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static InboundRequest post(AdapterHarness h, byte[] body, Map<String, String> headers) {
        AdapterHarness.RequestBuilder b = h.request(HttpMethod.POST, URL).header("Content-Type", "application/json");
        headers.forEach(b::header);
        return b.body(body).build();
    }

    static Map<String, String> headers(String id, String ts, String sig) {
        Map<String, String> m = new LinkedHashMap<>();
        if (id != null) {
            m.put("webhook-id", id);
        }
        if (ts != null) {
            m.put("webhook-timestamp", ts);
        }
        if (sig != null) {
            m.put("webhook-signature", sig);
        }
        return m;
    }

    static InboundRequest signed(AdapterHarness h, String id, byte[] body) {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        return post(h, body, headers(id, ts, sign(SECRET, id, ts, body)));
    }

    private static AdapterHarness vectorHarness(long clockSeconds) {
        return harness(VECTOR_SECRET, new JsonObject(),
                Clock.fixed(Instant.ofEpochSecond(clockSeconds), ZoneOffset.UTC));
    }

    private static InboundRequest vector(AdapterHarness h, String signature) {
        return post(h, VECTOR_PAYLOAD.getBytes(StandardCharsets.UTF_8), headers(VECTOR_ID, VECTOR_TS, signature));
    }

    @Test
    void shouldComputeOfficialVectorSignature() {
        StandardWebhooks sw = new StandardWebhooks(StandardWebhooks.key(VECTOR_SECRET), Clock.systemUTC(),
                java.time.Duration.ofMinutes(5));
        assertThat("v1," + Base64.getEncoder().encodeToString(sw.sign(VECTOR_ID, VECTOR_TS,
                VECTOR_PAYLOAD.getBytes(StandardCharsets.UTF_8)))).isEqualTo(VECTOR_SIG);
        assertThat(StandardWebhooks.key(VECTOR_SECRET)).hasSize(24);
    }

    @Test
    void shouldAcceptOfficialVector() {
        AdapterHarness h = vectorHarness(1614265330);
        Intake intake = h.verifyAndParse(vector(h, VECTOR_SIG));
        assertThat(intake.contacts()).hasSize(1);
        Contact c = intake.contacts().get(0);
        assertThat(c.provider().eventId()).isEqualTo(VECTOR_ID);
        assertThat(c.kind()).isEqualTo(ContactKind.MESSAGE);
        assertThat(c.visibility()).isEqualTo(Visibility.PRIVATE);
    }

    @Test
    void shouldAcceptOfficialVectorWithSecretWithoutPrefix() {
        AdapterHarness h = harness(VECTOR_SECRET.substring(6), new JsonObject(),
                Clock.fixed(Instant.ofEpochSecond(1614265330), ZoneOffset.UTC));
        h.adapter().verify(vector(h, VECTOR_SIG));
    }

    @Test
    void shouldAcceptMultiSignatureHeaderWithOneValidEntry() {
        AdapterHarness h = vectorHarness(1614265330);
        String other = "Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
        h.adapter().verify(vector(h, "v1," + other + " v2," + other + " " + VECTOR_SIG + " v1," + other));
    }

    @Test
    void shouldRejectOfficialNegativeSignatures() {
        AdapterHarness h = vectorHarness(1614265330);
        for (String bad : new String[] {"v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "invalid_signature",
                "v1,invalid_signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=", "", "v1,", ",",
                "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}) {
            assertRejected(() -> h.adapter().verify(vector(h, bad)), 401);
        }
    }

    @Test
    void shouldRejectTimestampsMoreThanFiveMinutesOldOrAhead() {
        assertRejected(() -> vectorHarness(1614265330 + 301).adapter().verify(
                vector(vectorHarness(1614265330 + 301), VECTOR_SIG)), 401);
        assertRejected(() -> vectorHarness(1614265330 - 301).adapter().verify(
                vector(vectorHarness(1614265330 - 301), VECTOR_SIG)), 401);
        vectorHarness(1614265330 + 299).adapter().verify(vector(vectorHarness(1614265330 + 299), VECTOR_SIG));
    }

    @Test
    void shouldRejectStaleTimestampWithCurrentTime() {
        AdapterHarness h = chat();
        byte[] body = Golden.bytes("webhook/chat-message.json");
        String old = String.valueOf(Instant.now().minusSeconds(310).getEpochSecond());
        String future = String.valueOf(Instant.now().plusSeconds(310).getEpochSecond());
        assertRejected(() -> h.adapter().verify(post(h, body, headers("msg_1", old, sign(SECRET, "msg_1", old, body)))),
                401);
        assertRejected(() -> h.adapter().verify(post(h, body, headers("msg_1", future,
                sign(SECRET, "msg_1", future, body)))), 401);
    }

    @Test
    void shouldRejectInvalidTimestamp() {
        AdapterHarness h = vectorHarness(1614265330);
        assertRejected(() -> h.adapter().verify(post(h, VECTOR_PAYLOAD.getBytes(StandardCharsets.UTF_8),
                headers(VECTOR_ID, "hello", VECTOR_SIG))), 401);
        assertRejected(() -> h.adapter().verify(post(h, VECTOR_PAYLOAD.getBytes(StandardCharsets.UTF_8),
                headers(VECTOR_ID, "-1614265330", VECTOR_SIG))), 401);
    }

    @Test
    void shouldRejectMissingHeaders() {
        AdapterHarness h = vectorHarness(1614265330);
        byte[] body = VECTOR_PAYLOAD.getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> h.adapter().verify(post(h, body, headers(null, VECTOR_TS, VECTOR_SIG))), 401);
        assertRejected(() -> h.adapter().verify(post(h, body, headers(VECTOR_ID, null, VECTOR_SIG))), 401);
        assertRejected(() -> h.adapter().verify(post(h, body, headers(VECTOR_ID, VECTOR_TS, null))), 401);
    }

    @Test
    void shouldAcceptSvixHeaderNames() {
        AdapterHarness h = vectorHarness(1614265330);
        h.adapter().verify(post(h, VECTOR_PAYLOAD.getBytes(StandardCharsets.UTF_8),
                Map.of("svix-id", VECTOR_ID, "svix-timestamp", VECTOR_TS, "svix-signature", VECTOR_SIG)));
    }

    @Test
    void shouldRejectTamperedBodyAndWrongSecret() {
        AdapterHarness h = chat();
        byte[] body = Golden.bytes("webhook/chat-message.json");
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String sig = sign(SECRET, "msg_1", ts, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("48213 shows", "48214 shows")
                .getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> h.adapter().verify(post(h, tampered, headers("msg_1", ts, sig))), 401);
        assertRejected(() -> h.adapter().verify(post(h, body, headers("msg_2", ts, sig))), 401);
        String wrong = sign("whsec_" + Base64.getEncoder().encodeToString("another-key-of-24-bytes!".getBytes(
                StandardCharsets.UTF_8)), "msg_1", ts, body);
        assertRejected(() -> h.adapter().verify(post(h, body, headers("msg_1", ts, wrong))), 401);
    }

    // --- mapping ---

    @Test
    void shouldMapChatMessageToContact() {
        AdapterHarness h = chat();
        Intake intake = h.verifyAndParse(signed(h, "msg_2hYkT9wQz1LmN4-attempt", Golden.bytes("webhook/chat-message.json")));
        assertThat(intake.contacts()).hasSize(1);
        Contact c = intake.contacts().get(0);
        assertThat(c.sender().phone().e164()).isEqualTo("+447700900461");
        assertThat(c.sender().phone().assurance()).isEqualTo(Assurance.PROVIDER);
        Golden.assertMatches(c, "webhook/chat-message.golden.json");
    }

    @Test
    void shouldMapTicketWithKindFromPayloadAndMillisecondStringTimestamp() {
        AdapterHarness h = harness(SECRET, new JsonObject().put("provider", "deskly").put("mapping", TICKET_MAPPING),
                Clock.systemUTC());
        Contact c = h.verifyAndParse(signed(h, "evt_01J0ZK", Golden.bytes("webhook/ticket-created.json")))
                .contacts().get(0);
        assertThat(c.kind()).isEqualTo(ContactKind.EMAIL);
        assertThat(c.occurredAt()).isEqualTo(Instant.parse("2024-06-11T08:30:00.250Z"));
        assertThat(c.provider().eventId()).isEqualTo("7731");
        Golden.assertMatches(c, "webhook/ticket-created.golden.json");
    }

    @Test
    void shouldUseWebhookIdAsEventIdByDefault() {
        AdapterHarness h = harness(SECRET, new JsonObject().put("mapping", new JsonObject().put("text", "/data/body")),
                Clock.systemUTC());
        Contact c = h.verifyAndParse(signed(h, "msg_2Kp0", Golden.bytes("webhook/chat-message.json"))).contacts().get(0);
        assertThat(c.provider().eventId()).isEqualTo("msg_2Kp0");
        assertThat(c.provider().provider()).isEqualTo("webhook");
        assertThat(c.content().text()).startsWith("Hi, my order 48213");
    }

    @Test
    void shouldFallBackToWebhookIdWhenMappedEventIdIsAbsent() {
        AdapterHarness h = chat();
        byte[] body = new JsonObject().put("type", "message.created").put("data", new JsonObject().put("body", "x"))
                .encode().getBytes(StandardCharsets.UTF_8);
        assertThat(h.verifyAndParse(signed(h, "msg_fallback", body)).contacts().get(0).provider().eventId())
                .isEqualTo("msg_fallback");
    }

    @Test
    void shouldReadTimestampsInSecondsMillisNumbersStringsAndIso() {
        AdapterHarness h = harness(SECRET, new JsonObject().put("mapping", new JsonObject().put("occurredAt", "/at")),
                Clock.systemUTC());
        Map<Object, Instant> cases = new LinkedHashMap<>();
        cases.put(1718031845, Instant.parse("2024-06-10T15:04:05Z"));
        cases.put(1718031845123L, Instant.parse("2024-06-10T15:04:05.123Z"));
        cases.put("1718031845", Instant.parse("2024-06-10T15:04:05Z"));
        cases.put("1718031845123", Instant.parse("2024-06-10T15:04:05.123Z"));
        cases.put(1718031845.5, Instant.parse("2024-06-10T15:04:05.500Z"));
        cases.put("2024-06-10T17:04:05+02:00", Instant.parse("2024-06-10T15:04:05Z"));
        cases.put("2024-06-10T15:04:05.123456Z", Instant.parse("2024-06-10T15:04:05.123456Z"));
        cases.put("yesterday", null);
        cases.put(new JsonObject(), null);
        int n = 0;
        for (Map.Entry<Object, Instant> e : cases.entrySet()) {
            byte[] body = new JsonObject().put("at", e.getKey()).encode().getBytes(StandardCharsets.UTF_8);
            Contact c = h.verifyAndParse(signed(h, "msg_ts_" + n++, body)).contacts().get(0);
            assertThat(c.occurredAt()).as("occurredAt for %s", e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void shouldAcknowledgeFilteredEventTypesWithoutContact() {
        AdapterHarness h = harness(SECRET, new JsonObject().put("eventTypes", new JsonArray().add("message.created"))
                .put("mapping", CHAT_MAPPING), Clock.systemUTC());
        Intake intake = h.verifyAndParse(signed(h, "msg_inv", Golden.bytes("webhook/invoice-paid.json")));
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("other", "filtered"));
        assertThat(h.replyAllNew(signed(h, "msg_inv", Golden.bytes("webhook/invoice-paid.json")), intake).status())
                .isEqualTo(200);
        assertThat(h.verifyAndParse(signed(h, "msg_ok", Golden.bytes("webhook/chat-message.json"))).contacts())
                .hasSize(1);
    }

    @Test
    void shouldAcknowledgeEventWhoseKindIsNotAContactKind() {
        AdapterHarness h = harness(SECRET, new JsonObject().put("mapping", TICKET_MAPPING), Clock.systemUTC());
        byte[] body = Golden.text("webhook/ticket-created.json").replace("\"kind\":\"Email\"", "\"kind\":\"Fax\"")
                .getBytes(StandardCharsets.UTF_8);
        Intake intake = h.verifyAndParse(signed(h, "evt_fax", body));
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("other", "unmapped-kind"));
    }

    @Test
    void shouldReadPublicVisibilityFromPayload() {
        AdapterHarness h = harness(SECRET, new JsonObject().put("mapping", new JsonObject().put("kind", "comment")
                .put("visibility", "/audience")), Clock.systemUTC());
        byte[] pub = "{\"audience\":\"PUBLIC\"}".getBytes(StandardCharsets.UTF_8);
        byte[] other = "{\"audience\":\"friends\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(h.verifyAndParse(signed(h, "m1", pub)).contacts().get(0).visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(h.verifyAndParse(signed(h, "m2", other)).contacts().get(0).visibility())
                .isEqualTo(Visibility.PRIVATE);
    }

    @Test
    void shouldRejectSignedBodyThatIsNotJsonObject() {
        AdapterHarness h = chat();
        assertRejected(() -> h.verifyAndParse(signed(h, "m", "[1,2]".getBytes(StandardCharsets.UTF_8))), 400);
        assertRejected(() -> h.verifyAndParse(signed(h, "m", "not json".getBytes(StandardCharsets.UTF_8))), 400);
    }

    @Test
    void shouldReplyOkWithEmptyBody() {
        AdapterHarness h = chat();
        InboundRequest req = signed(h, "msg_r", Golden.bytes("webhook/chat-message.json"));
        HttpReply reply = h.replyAllNew(req, h.verifyAndParse(req));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().length()).isZero();
    }

    // --- configuration, validated at start-up ---

    private static void assertConfigError(JsonObject config, String secret, String... fragments) {
        assertThatThrownBy(() -> harness(secret, config, Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    for (String f : fragments) {
                        assertThat(e.getMessage()).contains(f);
                    }
                });
    }

    @Test
    void shouldRefuseMappingValueThatIsNotJsonPointerNamingTheKeyPath() {
        assertConfigError(new JsonObject().put("mapping", new JsonObject().put("sender",
                new JsonObject().put("phone", "data.author.phone"))), SECRET,
                "mapping.sender.phone: must be a JSON Pointer", "data.author.phone");
        assertConfigError(new JsonObject().put("mapping", new JsonObject().put("text", "/data/~2")), SECRET,
                "mapping.text: must be a JSON Pointer");
    }

    @Test
    void shouldRefuseUnknownMappingKey() {
        assertConfigError(new JsonObject().put("mapping", new JsonObject().put("body", "/data/body")), SECRET,
                "mapping.body: is not a known key");
        assertConfigError(new JsonObject().put("mapping", new JsonObject().put("sender",
                new JsonObject().put("mobile", "/x"))), SECRET, "mapping.sender.mobile: is not a known key");
    }

    @Test
    void shouldRefuseUnknownKindAndVisibility() {
        assertConfigError(new JsonObject().put("mapping", new JsonObject().put("kind", "fax")), SECRET,
                "mapping.kind: must be one of");
        assertConfigError(new JsonObject().put("mapping", new JsonObject().put("visibility", "friends")), SECRET,
                "mapping.visibility: must be private or public");
    }

    @Test
    void shouldRefuseAttributeThatIsNotPointer() {
        assertConfigError(new JsonObject().put("mapping", new JsonObject().put("attributes",
                new JsonObject().put("orderId", "order_id"))), SECRET, "mapping.attributes.orderId: must be a JSON Pointer");
    }

    @Test
    void shouldRequireEventTypePointerWithEventTypes() {
        assertConfigError(new JsonObject().put("eventTypes", new JsonArray().add("message.created")), SECRET,
                "mapping.eventType: is required when eventTypes is set");
    }

    @Test
    void shouldRefuseSecretThatIsNotBase64WithoutPrintingIt() {
        assertConfigError(new JsonObject(), "whsec_not*base64!", "secret: must be whsec_ followed by base64");
        assertThatThrownBy(() -> harness("whsec_not*base64!", new JsonObject(), Clock.systemUTC()))
                .hasMessageNotContaining("not*base64");
        assertConfigError(new JsonObject(), "whsec_", "secret: must be whsec_");
    }

    @Test
    void shouldRequireSecret() {
        assertThatThrownBy(() -> AdapterHarness.of(new WebhookAdapterFactory(), "acme-chat", new JsonObject(),
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("secret");
    }

    @Test
    void shouldDocumentEveryConfigKey() {
        assertThat(new WebhookAdapterFactory().configSpec().keys()).allSatisfy(k -> assertThat(k.documentation()).isNotBlank());
        assertThat(FieldMapping.SPEC.keys()).allSatisfy(k -> assertThat(k.documentation()).isNotBlank());
        assertThat(FieldMapping.SENDER.keys()).allSatisfy(k -> assertThat(k.documentation()).isNotBlank());
        assertThat(FieldMapping.RECIPIENT.keys()).allSatisfy(k -> assertThat(k.documentation()).isNotBlank());
    }

    static void assertRejected(Runnable r, int status) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(RequestRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }
}

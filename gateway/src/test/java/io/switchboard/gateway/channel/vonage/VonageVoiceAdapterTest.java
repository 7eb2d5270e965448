package io.switchboard.gateway.channel.vonage;

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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static io.switchboard.gateway.channel.vonage.VonageTestTokens.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VonageVoiceAdapterTest {

    static final String URL = "https://hooks.example.com/webhooks/acme-voice";
    static final Instant NOW = Instant.parse("2025-03-04T10:16:45Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The answer fixture's query parameters as Vonage hashes them: a JSON object in order, no whitespace. */
    static final String ANSWER_QUERY_JSON = "{\"to\":\"447700900000\",\"from\":\"447700900123\","
            + "\"uuid\":\"63f61863-4a51-4f6b-86e1-46edebcf9356\","
            + "\"conversation_uuid\":\"CON-f972836a-550f-45fa-956c-12a2ab5b7d22\","
            + "\"region_url\":\"https://api-eu-1.vonage.com\",\"endpoint_type\":\"phone\"}";

    static AdapterHarness harness(JsonObject extra) {
        JsonObject config = new JsonObject().put("signatureSecret", "${env:VONAGE_SIGNATURE_SECRET}").mergeIn(extra);
        return AdapterHarness.of(new VonageVoiceAdapterFactory(), "acme-voice", config,
                Map.of("VONAGE_SIGNATURE_SECRET", SECRET), CLOCK);
    }

    static AdapterHarness harness() {
        return harness(new JsonObject());
    }

    static InboundRequest post(AdapterHarness h, byte[] body, String authorization) {
        AdapterHarness.RequestBuilder b = h.request(HttpMethod.POST, URL).header("Content-Type", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.body(body).build();
    }

    static InboundRequest signedPost(AdapterHarness h, byte[] body) {
        return post(h, body, VonageTestTokens.bearer(NOW.getEpochSecond() - 2, body));
    }

    static InboundRequest get(AdapterHarness h, String query, String authorization) {
        AdapterHarness.RequestBuilder b = h.request(HttpMethod.GET, URL + "?" + query);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }

    static InboundRequest signedAnswerGet(AdapterHarness h) {
        return get(h, Golden.text("vonage/voice-answer.query"), VonageTestTokens.bearer(NOW.getEpochSecond() - 1,
                ANSWER_QUERY_JSON.getBytes(StandardCharsets.UTF_8)));
    }

    private static Intake fixture(String resource) {
        AdapterHarness h = harness();
        return h.verifyAndParse(signedPost(h, Golden.bytes(resource)));
    }

    private static Intake json(JsonObject payload) {
        AdapterHarness h = harness();
        return h.verifyAndParse(signedPost(h, payload.encode().getBytes(StandardCharsets.UTF_8)));
    }

    // --- answer webhook ---

    @Test
    void shouldTurnSignedAnswerGetIntoCallContact() {
        AdapterHarness h = harness();
        Intake intake = h.verifyAndParse(signedAnswerGet(h));
        assertThat(intake.ignored()).isEmpty();
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "vonage/voice-answer.golden.json");
    }

    @Test
    void shouldHashAnswerQueryParametersAsOrderedJsonWithoutWhitespace() {
        AdapterHarness h = harness();
        InboundRequest req = get(h, Golden.text("vonage/voice-answer.query"), null);
        assertThat(VonageSignatures.queryAsJson(req.queryParams())).isEqualTo(ANSWER_QUERY_JSON);
    }

    @Test
    void shouldQuoteQueryValuesAsJavaScriptJsonStringifyDoes() {
        AdapterHarness h = harness();
        InboundRequest req = get(h, "a=%22q%22%5C&b=line%0Abreak%09tab&c=%01&d=%C3%A4%E2%80%A8%2F&a2=%F0%9F%98%80&r=1&r=2",
                null);
        assertThat(VonageSignatures.queryAsJson(req.queryParams())).isEqualTo(
                "{\"a\":\"\\\"q\\\"\\\\\",\"b\":\"line\\nbreak\\ttab\",\"c\":\"\\u0001\",\"d\":\"ä\u2028/\","
                        + "\"a2\":\"\uD83D\uDE00\",\"r\":[\"1\",\"2\"]}");
    }

    @Test
    void shouldRejectAnswerGetWhoseQueryWasTampered() {
        AdapterHarness h = harness();
        String tampered = Golden.text("vonage/voice-answer.query").replace("from=447700900123", "from=447700900999");
        InboundRequest req = get(h, tampered, VonageTestTokens.bearer(NOW.getEpochSecond() - 1,
                ANSWER_QUERY_JSON.getBytes(StandardCharsets.UTF_8)));
        assertRejected(() -> h.adapter().verify(req), 401);
    }

    @Test
    void shouldRejectAnswerGetWithParametersReordered() {
        AdapterHarness h = harness();
        String[] params = Golden.text("vonage/voice-answer.query").split("&");
        String reordered = params[1] + "&" + params[0] + "&" + String.join("&", java.util.Arrays.copyOfRange(params, 2, params.length));
        InboundRequest req = get(h, reordered, VonageTestTokens.bearer(NOW.getEpochSecond() - 1,
                ANSWER_QUERY_JSON.getBytes(StandardCharsets.UTF_8)));
        assertRejected(() -> h.adapter().verify(req), 401);
    }

    @Test
    void shouldAnswerWithDefaultNccoRecordingBackToThisChannel() {
        AdapterHarness h = harness();
        InboundRequest req = signedAnswerGet(h);
        HttpReply reply = h.replyAllNew(req, h.verifyAndParse(req));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(new JsonArray(reply.body())).isEqualTo(new JsonArray()
                .add(new JsonObject().put("action", "talk")
                        .put("text", "Thank you for calling. Please leave a message after the tone."))
                .add(new JsonObject().put("action", "record").put("beepStart", true).put("endOnSilence", 3)
                        .put("eventUrl", new JsonArray().add(URL))));
    }

    @Test
    void shouldAnswerWithConfiguredNccoUnchanged() {
        JsonArray ncco = new JsonArray().add(new JsonObject().put("action", "talk").put("text", "Connecting you"))
                .add(new JsonObject().put("action", "connect").put("endpoint", new JsonArray()
                        .add(new JsonObject().put("type", "phone").put("number", "447700900001"))));
        AdapterHarness h = harness(new JsonObject().put("ncco", ncco));
        InboundRequest req = signedAnswerGet(h);
        assertThat(new JsonArray(h.replyAllNew(req, h.verifyAndParse(req)).body())).isEqualTo(ncco);
    }

    @Test
    void shouldTurnSignedAnswerPostIntoCallContact() {
        Intake intake = fixture("vonage/voice-answer-post.json");
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "vonage/voice-answer-post.golden.json");
    }

    @Test
    void shouldTreatAppUserCallerAsProviderUser() {
        Contact c = json(new JsonObject().put("from_user", "alice").put("to", "447700900000")
                .put("uuid", "u-1").put("conversation_uuid", "CON-1").put("endpoint_type", "app")).contacts().get(0);
        assertThat(c.kind()).isEqualTo(ContactKind.CALL);
        assertThat(c.sender().userId().key()).isEqualTo("vonage:app:alice");
        assertThat(c.sender().phone()).isNull();
    }

    // --- event webhook ---

    @Test
    void shouldTurnCallStatusEventsIntoStatusContacts() {
        Golden.assertMatches(fixture("vonage/voice-event-started.json").contacts().get(0),
                "vonage/voice-event-started.golden.json");
        Golden.assertMatches(fixture("vonage/voice-event-completed.json").contacts().get(0),
                "vonage/voice-event-completed.golden.json");
    }

    @Test
    void shouldTakeTheCustomerFromToOnOutboundCalls() {
        Intake intake = fixture("vonage/voice-event-outbound-busy.json");
        Golden.assertMatches(intake.contacts().get(0), "vonage/voice-event-outbound-busy.golden.json");
        assertThat(intake.contacts().get(0).sender().phone().e164()).isEqualTo("+447700900456");
    }

    @Test
    void shouldGiveEachDistinctEventItsOwnIdAndRetriesTheSame() {
        String started = fixture("vonage/voice-event-started.json").contacts().get(0).provider().eventId();
        String completed = fixture("vonage/voice-event-completed.json").contacts().get(0).provider().eventId();
        String answer = fixture("vonage/voice-answer-post.json").contacts().get(0).provider().eventId();
        String recording = fixture("vonage/voice-recording.json").contacts().get(0).provider().eventId();
        assertThat(java.util.Set.of(started, completed, answer, recording)).hasSize(4);
        assertThat(fixture("vonage/voice-event-started.json").contacts().get(0).provider().eventId()).isEqualTo(started);
        assertThat(started).isEqualTo("63f61863-4a51-4f6b-86e1-46edebcf9356:started");
    }

    @Test
    void shouldTurnRecordingIntoVoicemailWithRecordingReference() {
        Intake intake = fixture("vonage/voice-recording.json");
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "vonage/voice-recording.golden.json");
    }

    @Test
    void shouldAcknowledgeInputTransferAndUnknownEventsWithoutContacts() {
        assertThat(fixture("vonage/voice-input.json").ignored()).containsExactly(new Intake.Ignored("input", "unsupported"));
        assertThat(json(new JsonObject().put("type", "transfer").put("uuid", "u").put("conversation_uuid_from", "a"))
                .ignored()).containsExactly(new Intake.Ignored("transfer", "unsupported"));
        assertThat(json(new JsonObject().put("status", "rtc:media").put("uuid", "u")).ignored())
                .containsExactly(new Intake.Ignored("status", "unsupported"));
        assertThat(json(new JsonObject().put("reason", "Syntax error in NCCO").put("conversation_uuid", "CON-1"))
                .ignored()).containsExactly(new Intake.Ignored("unknown", "unsupported"));
        assertThat(json(new JsonObject()).contacts()).isEmpty();
    }

    @Test
    void shouldReplyEmptyToEvents() {
        AdapterHarness h = harness();
        InboundRequest req = signedPost(h, Golden.bytes("vonage/voice-event-completed.json"));
        HttpReply reply = h.replyAllNew(req, h.verifyAndParse(req));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().length()).isZero();
    }

    @Test
    void shouldRejectStatusOrRecordingWithoutItsId() {
        AdapterHarness h = harness();
        for (JsonObject p : new JsonObject[] {new JsonObject().put("status", "completed"),
                new JsonObject().put("recording_url", "https://api.nexmo.com/v1/files/x")}) {
            byte[] body = p.encode().getBytes(StandardCharsets.UTF_8);
            assertRejected(() -> h.verifyAndParse(signedPost(h, body)), 400);
        }
    }

    @Test
    void shouldRejectSignedPostThatIsNotAJsonObject() {
        AdapterHarness h = harness();
        for (String body : new String[] {"[]", "not json", "\"x\"", ""}) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertRejected(() -> h.verifyAndParse(signedPost(h, bytes)), 400);
        }
    }

    // --- signature ---

    @Test
    void shouldRejectUnsignedAnswer() {
        AdapterHarness h = harness();
        assertRejected(() -> h.adapter().verify(get(h, Golden.text("vonage/voice-answer.query"), null)), 401);
    }

    @Test
    void shouldRejectTamperedEventBody() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("vonage/voice-event-completed.json");
        String auth = VonageTestTokens.bearer(NOW.getEpochSecond(), body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"98\"", "\"9\"").getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> h.adapter().verify(post(h, tampered, auth)), 401);
    }

    @Test
    void shouldRejectStaleAnswerToken() {
        AdapterHarness h = harness();
        InboundRequest req = get(h, Golden.text("vonage/voice-answer.query"), VonageTestTokens.bearer(
                NOW.getEpochSecond() - 3600, ANSWER_QUERY_JSON.getBytes(StandardCharsets.UTF_8)));
        assertRejected(() -> h.adapter().verify(req), 401);
    }

    // --- configuration ---

    @Test
    void shouldRefuseNccoWithUnknownActionNamingTheKey() {
        assertThatThrownBy(() -> harness(new JsonObject().put("ncco", new JsonArray()
                .add(new JsonObject().put("action", "tallk").put("text", "hi")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ncco[0].action");
    }

    @Test
    void shouldRefuseNccoActionsMissingRequiredFields() {
        assertThatThrownBy(() -> harness(new JsonObject().put("ncco", new JsonArray()
                .add(new JsonObject().put("action", "talk"))
                .add(new JsonObject().put("action", "connect").put("endpoint", new JsonArray()))
                .add(new JsonObject().put("action", "conversation"))
                .add(new JsonObject().put("action", "stream").put("streamUrl", "https://x"))
                .add(new JsonObject().put("action", "input").put("type", new JsonArray().add("voice")))
                .add(new JsonObject().put("action", "notify").put("eventUrl", new JsonArray().add("https://x")))
                .add("talk"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ncco[0].text").hasMessageContaining("ncco[1].endpoint")
                .hasMessageContaining("ncco[2].name").hasMessageContaining("ncco[3].streamUrl")
                .hasMessageContaining("ncco[4].type").hasMessageContaining("ncco[5].payload")
                .hasMessageContaining("ncco[6]");
    }

    @Test
    void shouldRefuseEmptyNcco() {
        assertThatThrownBy(() -> harness(new JsonObject().put("ncco", new JsonArray())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ncco");
    }

    @Test
    void defaultNccoShouldPassItsOwnValidation() {
        assertThat(Ncco.problems("ncco", Ncco.DEFAULT)).isEmpty();
    }

    @Test
    void shouldDocumentEveryConfigKey() {
        assertThat(new VonageVoiceAdapterFactory().configSpec().keys())
                .allSatisfy(k -> assertThat(k.documentation()).isNotBlank());
    }

    static void assertRejected(Runnable r, int status) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(RequestRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }
}

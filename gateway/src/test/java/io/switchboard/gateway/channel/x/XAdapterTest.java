package io.switchboard.gateway.channel.x;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.Contact;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XAdapterTest {

    static final String SECRET = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw";
    static final String URL = "https://hooks.example.com/webhooks/acme-x";

    private static AdapterHarness harness(String secret, JsonObject extra) {
        JsonObject config = new JsonObject().put("consumerSecret", "${env:X_CONSUMER_SECRET}").mergeIn(extra);
        return AdapterHarness.of(new XAdapterFactory(), "acme-x", config, Map.of("X_CONSUMER_SECRET", secret));
    }

    private static AdapterHarness harness() {
        return harness(SECRET, new JsonObject());
    }

    /** Signs as X does, computed here independently of the adapter's code. */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static InboundRequest post(AdapterHarness h, byte[] body, String signature) {
        AdapterHarness.RequestBuilder b = h.request(HttpMethod.POST, URL).header("Content-Type", "application/json");
        if (signature != null) {
            b.header("x-twitter-webhooks-signature", signature);
        }
        return b.body(body).build();
    }

    private static Intake signedFixture(AdapterHarness h, String resource) {
        byte[] body = Golden.bytes(resource);
        return h.verifyAndParse(post(h, body, sign(SECRET, body)));
    }

    // --- PROTOCOLS.md 1.2: official vectors (twitterdev/autohook test/signature.js, consumer secret "test") ---

    @Test
    void shouldAcceptOfficialFormBodyVector() {
        AdapterHarness h = harness("test", new JsonObject());
        InboundRequest req = post(h, "test=1&other_test=2".getBytes(StandardCharsets.UTF_8),
                "sha256=25Cu3iwbbiqBTwQRzcKJZwisjf736V2Q8UaTlkfLSoc=");
        h.adapter().verify(req);
    }

    @Test
    void shouldAcceptOfficialJsonBodyVector() {
        AdapterHarness h = harness("test", new JsonObject());
        InboundRequest req = post(h, "{\"test_number\":1,\"test_string\":\"two\"}".getBytes(StandardCharsets.UTF_8),
                "sha256=YWHphPn/JFq43jkF0y4/w8R/SelmLjvpunhVFY8JhlI=");
        Intake intake = h.verifyAndParse(req);
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("unknown", "unsupported"));
    }

    @Test
    void shouldRejectOfficialVectorUnderAnotherSecret() {
        AdapterHarness h = harness("test2", new JsonObject());
        InboundRequest req = post(h, "test=1&other_test=2".getBytes(StandardCharsets.UTF_8),
                "sha256=25Cu3iwbbiqBTwQRzcKJZwisjf736V2Q8UaTlkfLSoc=");
        assertRejected(() -> h.adapter().verify(req), 401);
    }

    // --- PROTOCOLS.md 1.1: CRC (self-computed vector, cross-checked with openssl) ---

    @Test
    void shouldAnswerCrcWithResponseToken() {
        AdapterHarness h = harness("consumer-secret", new JsonObject());
        InboundRequest req = h.request(HttpMethod.GET, URL + "?crc_token=crc-token-123").build();
        HttpReply reply = h.adapter().handshake(req).orElseThrow();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).containsEntry("Content-Type", "application/json");
        assertThat(new JsonObject(reply.body()))
                .isEqualTo(new JsonObject().put("response_token", "sha256=pqNVCku98klY+uShlb3Xa/LIgd2B2xq7EveP37yRYOI="));
    }

    @Test
    void shouldAnswerCrcForPercentEncodedTokenOverItsDecodedValue() {
        AdapterHarness h = harness();
        InboundRequest req = h.request(HttpMethod.GET, URL + "?crc_token=a%2Bb%3D%3D&nonce=1").build();
        HttpReply reply = h.adapter().handshake(req).orElseThrow();
        assertThat(new JsonObject(reply.body()).getString("response_token"))
                .isEqualTo(sign(SECRET, "a+b==".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldRejectGetWithoutCrcToken() {
        AdapterHarness h = harness();
        assertRejected(() -> h.adapter().handshake(h.request(HttpMethod.GET, URL).build()), 400);
        assertRejected(() -> h.adapter().handshake(h.request(HttpMethod.GET, URL + "?crc_token=").build()), 400);
    }

    @Test
    void shouldNotTreatPostAsHandshake() {
        AdapterHarness h = harness();
        assertThat(h.adapter().handshake(post(h, new byte[0], null))).isEmpty();
    }

    // --- signature failures ---

    @Test
    void shouldRejectTamperedBody() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("x/dm.json");
        String signature = sign(SECRET, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("#1234", "#1235")
                .getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> h.adapter().verify(post(h, tampered, signature)), 401);
    }

    @Test
    void shouldRejectSignatureMadeWithWrongSecret() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("x/dm.json");
        assertRejected(() -> h.adapter().verify(post(h, body, sign("not-the-secret", body))), 401);
    }

    @Test
    void shouldRejectMissingSignatureHeader() {
        AdapterHarness h = harness();
        assertRejected(() -> h.adapter().verify(post(h, Golden.bytes("x/dm.json"), null)), 401);
    }

    @Test
    void shouldRejectMalformedSignatureHeaders() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("x/dm.json");
        String good = sign(SECRET, body);
        String b64 = good.substring("sha256=".length());
        for (String bad : new String[] {"", "sha256=", b64, "sha1=" + b64, "sha256=!!notbase64!!",
                "sha256=" + b64.substring(4), "sha256 " + b64, good + "AAAA"}) {
            assertRejected(() -> h.adapter().verify(post(h, body, bad)), 401);
        }
    }

    @Test
    void shouldAcceptSignaturePrefixInAnyCase() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("x/dm.json");
        h.adapter().verify(post(h, body, sign(SECRET, body).replace("sha256=", "SHA256=")));
    }

    // --- normalisation ---

    @Test
    void shouldNormaliseDirectMessageWithUsersMap() {
        Intake intake = signedFixture(harness(), "x/dm.json");
        assertThat(intake.ignored()).isEmpty();
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "x/dm.golden.json");
    }

    @Test
    void shouldKeepDirectMessageMediaAsReference() {
        Intake intake = signedFixture(harness(), "x/dm-media.json");
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "x/dm-media.golden.json");
    }

    @Test
    void shouldNormaliseMentionAsPublicReply() {
        Intake intake = signedFixture(harness(), "x/mention.json");
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "x/mention.golden.json");
    }

    @Test
    void shouldTakeFullTextOfExtendedTweet() {
        Intake intake = signedFixture(harness(), "x/extended-tweet.json");
        assertThat(intake.contacts()).hasSize(1);
        Contact c = intake.contacts().get(0);
        assertThat(c.content().text()).endsWith("Photo of the returns receipt attached. https://t.co/Zx9Yw8Vu7T")
                .doesNotContain("\u2026");
        Golden.assertMatches(c, "x/extended-tweet.golden.json");
    }

    @Test
    void shouldIgnoreBrandsOwnTweet() {
        Intake intake = signedFixture(harness(), "x/own-tweet.json");
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("tweet_create_events", "own-post"));
    }

    @Test
    void shouldIgnoreDirectMessageEcho() {
        Intake intake = signedFixture(harness(), "x/dm-echo.json");
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("direct_message_events", "echo"));
    }

    @Test
    void shouldAcknowledgeFavoriteAsUnsupported() {
        Intake intake = signedFixture(harness(), "x/favorite.json");
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("favorite_events", "unsupported"));
    }

    @Test
    void shouldKeepRetweetOfBrandAndIgnoreOtherRetweets() {
        Intake intake = signedFixture(harness(), "x/retweet.json");
        assertThat(intake.contacts()).hasSize(1);
        Contact c = intake.contacts().get(0);
        assertThat(c.provider().eventId()).isEqualTo("1370307143722901505");
        assertThat(c.provider().eventType()).isEqualTo("tweet_create_events");
        assertThat(c.raw().pointer()).isEqualTo("/tweet_create_events/0");
        assertThat(c.attributes().getString("x", "retweetedId")).isEqualTo("1370303368987545602");
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("tweet_create_events", "retweet"));
    }

    @Test
    void shouldUseConfiguredUserIdAsBrandWhenPayloadLacksForUserId() {
        AdapterHarness h = harness(SECRET, new JsonObject().put("userId", "1363121963309412354"));
        JsonObject payload = new JsonObject(Golden.text("x/dm-echo.json"));
        payload.remove("for_user_id");
        byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);
        Intake intake = h.verifyAndParse(post(h, body, sign(SECRET, body)));
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("direct_message_events", "echo"));
    }

    @Test
    void shouldIgnoreEventsForAnotherSubscribedAccountWhenUserIdIsConfigured() {
        AdapterHarness h = harness(SECRET, new JsonObject().put("userId", "42"));
        byte[] body = Golden.bytes("x/dm.json");
        Intake intake = h.verifyAndParse(post(h, body, sign(SECRET, body)));
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("direct_message_events", "other-account"));
    }

    @Test
    void shouldAcknowledgeEachUnsupportedEventAndCountUnknownArrays() {
        AdapterHarness h = harness();
        byte[] body = ("{\"for_user_id\":\"1\",\"follow_events\":[{},{}],\"user_event\":{\"revoke\":{}},"
                + "\"brand_new_events\":[{}]}").getBytes(StandardCharsets.UTF_8);
        Intake intake = h.verifyAndParse(post(h, body, sign(SECRET, body)));
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("follow_events", "unsupported"),
                new Intake.Ignored("follow_events", "unsupported"), new Intake.Ignored("user_event", "unsupported"),
                new Intake.Ignored("unknown", "unsupported"));
    }

    @Test
    void shouldIgnoreEventsWithoutIdInsteadOfFailingTheDelivery() {
        AdapterHarness h = harness();
        JsonObject payload = new JsonObject(Golden.text("x/dm.json"));
        payload.getJsonArray("direct_message_events").add(new JsonObject().put("type", "message_create"));
        byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);
        Intake intake = h.verifyAndParse(post(h, body, sign(SECRET, body)));
        assertThat(intake.contacts()).hasSize(1);
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("direct_message_events", "malformed"));
    }

    @Test
    void shouldReadTimestampsInMillisecondsAsNumberOrString() {
        AdapterHarness h = harness();
        JsonObject payload = new JsonObject(Golden.text("x/dm.json"));
        payload.getJsonArray("direct_message_events").getJsonObject(0).put("created_timestamp", 1615755595418L);
        byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);
        Contact c = h.verifyAndParse(post(h, body, sign(SECRET, body))).contacts().get(0);
        assertThat(c.occurredAt()).hasToString("2021-03-14T20:59:55.418Z");
    }

    @Test
    void shouldFallBackToCreatedAtWhenTweetHasNoTimestampMs() {
        AdapterHarness h = harness();
        JsonObject payload = new JsonObject(Golden.text("x/mention.json"));
        payload.getJsonArray("tweet_create_events").getJsonObject(0).remove("timestamp_ms");
        byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);
        Contact c = h.verifyAndParse(post(h, body, sign(SECRET, body))).contacts().get(0);
        assertThat(c.occurredAt()).hasToString("2021-03-10T14:21:07Z");
    }

    @Test
    void shouldRejectSignedBodyThatIsNotJsonObject() {
        AdapterHarness h = harness();
        byte[] body = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> h.verifyAndParse(post(h, body, sign(SECRET, body))), 400);
    }

    @Test
    void shouldReplyOkWithEmptyBody() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("x/dm.json");
        InboundRequest req = post(h, body, sign(SECRET, body));
        HttpReply reply = h.replyAllNew(req, h.verifyAndParse(req));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().length()).isZero();
    }

    // --- configuration ---

    @Test
    void shouldRequireConsumerSecret() {
        assertThatThrownBy(() -> AdapterHarness.of(new XAdapterFactory(), "acme-x", new JsonObject(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("consumerSecret");
    }

    @Test
    void shouldRejectNonNumericUserId() {
        assertThatThrownBy(() -> harness(SECRET, new JsonObject().put("userId", "@AcmeSupport")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("userId");
    }

    @Test
    void shouldDocumentEveryConfigKey() {
        assertThat(new XAdapterFactory().configSpec().keys()).allSatisfy(k -> assertThat(k.documentation()).isNotBlank());
    }

    static void assertRejected(Runnable r, int status) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(RequestRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }
}

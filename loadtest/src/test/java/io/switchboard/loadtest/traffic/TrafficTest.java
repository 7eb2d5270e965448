package io.switchboard.loadtest.traffic;

import io.switchboard.loadtest.sign.MetaSignature;
import io.switchboard.loadtest.sign.TwilioSignature;
import io.switchboard.loadtest.sign.XSignature;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficTest {

    private static final TrafficConfig CONFIG = TrafficConfig.defaults("http://127.0.0.1:8080");

    private final Traffic traffic = new Traffic(CONFIG, new Ids());

    private static Map<String, String> form(byte[] body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"SMS", "VOICE"})
    void twilioRequestsShouldBeSignedOverThePublicUrlAndEveryDecodedParameter(Kind kind) {
        SignedRequest r = traffic.next(kind);
        Map<String, String> params = form(r.body());
        assertThat(r.target()).isEqualTo("/webhooks/" + kind.defaultChannel());
        assertThat(r.header("X-Twilio-Signature")).isEqualTo(TwilioSignature.signSingle(
                TrafficConfig.DEFAULT_TWILIO_AUTH_TOKEN, "http://127.0.0.1:8080" + r.target(), params));
        assertThat(params.get(kind == Kind.SMS ? "MessageSid" : "CallSid")).isEqualTo(r.eventIds().get(0));
        assertThat(params.get("From")).matches("^\\+(447700900\\d{3}|1202555\\d{4})$");
        assertThat(r.eventIds().get(0)).matches("^(SM|CA)[0-9a-f]{32}$");
    }

    @Test
    void aTwilioBodyShouldSurviveEncodingOfSpacesAndPunctuation() {
        for (int i = 0; i < 200; i++) {
            SignedRequest r = traffic.sms();
            assertThat(Traffic.PRIVATE_TEXTS).contains(form(r.body()).get("Body"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"MESSENGER", "WHATSAPP", "FB_COMMENT"})
    void metaBatchesShouldBeSignedOverTheirEscapedBytes(Kind kind) {
        for (int i = 0; i < 50; i++) {
            SignedRequest r = traffic.next(kind);
            assertThat(r.header("X-Hub-Signature-256"))
                    .isEqualTo(MetaSignature.sign256(TrafficConfig.DEFAULT_META_APP_SECRET, r.body()));
            String text = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(text.chars()).allMatch(c -> c < 0x80);
            JsonObject json = new JsonObject(text);
            assertThat(json.getString("object")).isIn("page", "whatsapp_business_account");
            assertThat(r.eventIds()).isNotEmpty().allMatch(text::contains);
        }
    }

    @Test
    void metaBatchesShouldCarryBetweenOneAndTheConfiguredMostEvents() {
        Set<Integer> sizes = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            sizes.add(traffic.next(Kind.WHATSAPP).eventIds().size());
        }
        assertThat(sizes).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void aMessengerBatchShouldHaveOneEntryPerMessage() {
        SignedRequest r = traffic.messenger(3);
        JsonObject json = new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
        assertThat(json.getJsonArray("entry")).hasSize(3);
        assertThat(json.getJsonArray("entry").getJsonObject(2).getJsonArray("messaging").getJsonObject(0)
                .getJsonObject("message").getString("mid")).isEqualTo(r.eventIds().get(2));
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"X_DM", "X_MENTION"})
    void xEventsShouldBeSignedAndCarryTheirIds(Kind kind) {
        SignedRequest r = traffic.next(kind);
        assertThat(r.header("x-twitter-webhooks-signature"))
                .isEqualTo(XSignature.sign(TrafficConfig.DEFAULT_X_CONSUMER_SECRET, r.body()));
        JsonObject json = new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
        assertThat(json.getString("for_user_id")).isEqualTo(Traffic.X_BRAND_ID);
        String id = kind == Kind.X_DM
                ? json.getJsonArray("direct_message_events").getJsonObject(0).getString("id")
                : json.getJsonArray("tweet_create_events").getJsonObject(0).getString("id_str");
        assertThat(r.eventIds()).containsExactly(id);
    }

    @Test
    void aCrcChallengeShouldExpectTheHmacOfItsToken() {
        SignedRequest r = traffic.xCrc();
        assertThat(r.method()).isEqualTo("GET");
        String token = URLDecoder.decode(r.target().substring(r.target().indexOf("crc_token=") + 10), StandardCharsets.UTF_8);
        assertThat(r.expectedToken()).isEqualTo(XSignature.crcResponseToken(TrafficConfig.DEFAULT_X_CONSUMER_SECRET, token));
        assertThat(r.eventIds()).isEmpty();
    }

    @Test
    void aFormShouldCarryItsIdempotencyKeyAsItsEventId() {
        for (int i = 0; i < 20; i++) {
            SignedRequest r = traffic.form();
            assertThat(r.header("Idempotency-Key")).isEqualTo(r.eventIds().get(0));
            String body = new String(r.body(), StandardCharsets.UTF_8);
            if (r.header("Content-Type").equals("application/json")) {
                assertThat(new JsonObject(body).getString("message")).isIn(Traffic.PRIVATE_TEXTS);
            } else {
                assertThat(form(r.body()).get("message")).isIn(Traffic.PRIVATE_TEXTS);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = "X_CRC", mode = EnumSource.Mode.EXCLUDE)
    void everyRequestShouldCarryFreshEventIds(Kind kind) {
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int i = 0; i < 2000; i++) {
            for (String id : traffic.next(kind).eventIds()) {
                seen.add(id);
                total++;
            }
        }
        assertThat(seen).hasSize(total);
    }

    @Test
    void twoRunsShouldNotShareEventIds() {
        Traffic other = new Traffic(CONFIG, new Ids());
        Set<String> a = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            a.addAll(traffic.next(Kind.SMS).eventIds());
            a.addAll(traffic.next(Kind.X_DM).eventIds());
        }
        for (int i = 0; i < 500; i++) {
            assertThat(a).doesNotContainAnyElementsOf(other.next(Kind.SMS).eventIds());
            assertThat(a).doesNotContainAnyElementsOf(other.next(Kind.X_DM).eventIds());
        }
    }

    @Test
    void everyRequestShouldGoToItsConfiguredChannel() {
        Traffic custom = new Traffic(new TrafficConfig("https://hooks.example.com/", "t", "m", "x",
                Map.of(Kind.SMS, "acme-sms"), 1), new Ids());
        SignedRequest r = custom.sms();
        assertThat(r.channel()).isEqualTo("acme-sms");
        assertThat(r.header("X-Twilio-Signature"))
                .isEqualTo(TwilioSignature.signSingle("t", "https://hooks.example.com/webhooks/acme-sms", form(r.body())));
        assertThat(custom.form().channel()).isEqualTo("lt-form");
    }

    @Test
    void everyKindShouldDeclareEveryHeaderItsRequestsCarry() {
        for (Kind k : Kind.values()) {
            assertThat(k.headerNames()).containsAll(traffic.next(k).headers().keySet());
        }
    }
}

package io.switchboard.gateway.channel.twilio;

import io.switchboard.gateway.testing.Golden;
import io.switchboard.gateway.testing.TestGateway;
import io.switchboard.spi.config.ConfigException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both Twilio channel types through a real gateway behind a (pretend) TLS-terminating proxy: Twilio signs the
 * public URL, the gateway listens on a plain internal one.
 */
class TwilioChannelIntegrationTest {

    private static final String TOKEN = "9d4e1f7a2b6c8d0e3f5a7b9c1d2e4f60";
    private static final String PUBLIC = "https://hooks.example.com";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String EMPTY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    @TempDir
    static Path dir;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        JsonObject channels = new JsonObject()
                .put("acme-sms", new JsonObject().put("type", "twilio-messaging")
                        .put("authToken", "${env:TWILIO_AUTH_TOKEN}"))
                .put("acme-voice", new JsonObject().put("type", "twilio-voice")
                        .put("authToken", "${env:TWILIO_AUTH_TOKEN}").put("answer", "enqueue")
                        .put("enqueue", new JsonObject().put("queue", "support").put("priorityWait", "2s")
                                .put("queueByBand", new JsonObject().put("P1", "urgent"))))
                .put("acme-ivr", new JsonObject().put("type", "twilio-voice")
                        .put("authToken", "${env:TWILIO_AUTH_TOKEN}")
                        .put("publicUrl", "https://voice.example.com:8443/twilio/ivr"));
        JsonObject config = new JsonObject().put("server", new JsonObject().put("publicBaseUrl", PUBLIC))
                .put("channels", channels);
        gateway = TestGateway.start(dir, config, Map.of("TWILIO_AUTH_TOKEN", TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<Buffer> post(String path, String form, String signature) throws Exception {
        return gateway.send(HttpMethod.POST, path, Map.of("Content-Type", FORM, "X-Twilio-Signature", signature),
                Buffer.buffer(form));
    }

    private static HttpResponse<Buffer> signedPost(String path, String form) throws Exception {
        return post(path, form, TwilioTestSigner.sign(TOKEN, PUBLIC + path, form));
    }

    private static JsonObject stored(String channel, String eventId) throws Exception {
        HttpResponse<Buffer> r = gateway.get("/api/contacts?channel=" + channel + "&providerEventId="
                + URLEncoder.encode(eventId, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    private static int channelCount(String channel) throws Exception {
        return gateway.get("/api/contacts?channel=" + channel + "&limit=100").bodyAsJsonObject().getInteger("count");
    }

    private static double metric(String name, String labels) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " ([0-9.E]+)$")
                .matcher(gateway.metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void shouldStoreSignedSmsOnceAndAnswerRetryTheSame() throws Exception {
        String form = Golden.text("twilio/sms.form");
        HttpResponse<Buffer> first = signedPost("/webhooks/acme-sms", form);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.getHeader("Content-Type")).isEqualTo("text/xml");
        assertThat(first.bodyAsString()).isEqualTo(EMPTY);
        JsonObject list = stored("acme-sms", "SM5d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a");
        assertThat(list.getInteger("count")).isEqualTo(1);
        JsonObject contact = list.getJsonArray("contacts").getJsonObject(0);
        assertThat(contact.getString("kind")).isEqualTo("message");
        assertThat(contact.getJsonObject("sender").getJsonObject("phone").getString("e164")).isEqualTo("+447700900123");

        double duplicates = metric("switchboard_contacts_duplicate_total", "channel=\"acme-sms\"");
        HttpResponse<Buffer> retry = signedPost("/webhooks/acme-sms", form);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.getHeader("Content-Type")).isEqualTo("text/xml");
        assertThat(retry.bodyAsString()).isEqualTo(first.bodyAsString());
        assertThat(stored("acme-sms", "SM5d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a").getInteger("count")).isEqualTo(1);
        assertThat(metric("switchboard_contacts_duplicate_total", "channel=\"acme-sms\"")).isEqualTo(duplicates + 1);

        HttpResponse<Buffer> raw = gateway.get("/api/contacts/" + contact.getString("id") + "/raw");
        assertThat(raw.body().toString(StandardCharsets.UTF_8)).isEqualTo(form);
    }

    @Test
    void shouldAnswerCallWithTwimlOnceStoredAndTheSameTwimlToARetry() throws Exception {
        String form = Golden.text("twilio/voice-call.form");
        HttpResponse<Buffer> first = signedPost("/webhooks/acme-voice", form);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.getHeader("Content-Type")).isEqualTo("text/xml");
        // The channel waits for the plugin chain (queueByBand); no plugin sets a band here, so: the default queue.
        assertThat(first.bodyAsString()).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Enqueue>support</Enqueue></Response>");
        String callId = "CA8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39:call:ringing";
        JsonObject list = stored("acme-voice", callId);
        assertThat(list.getInteger("count")).isEqualTo(1);
        JsonObject call = list.getJsonArray("contacts").getJsonObject(0);
        assertThat(call.getString("kind")).isEqualTo("call");
        assertThat(call.getJsonObject("sender").getString("displayName")).isEqualTo("ALVAREZ MARIA");
        assertThat(call.getJsonObject("processing").getString("status")).isEqualTo("processed");

        HttpResponse<Buffer> retry = signedPost("/webhooks/acme-voice", form);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.bodyAsString()).isEqualTo(first.bodyAsString());
        assertThat(stored("acme-voice", callId).getInteger("count")).isEqualTo(1);
    }

    @Test
    void shouldStoreEachCallbackOfACallAsItsOwnContactAndAcknowledgeWithEmptyResponse() throws Exception {
        String[][] callbacks = {
                {"twilio/voice-status.form", "CA8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39:status:completed:0", "status"},
                {"twilio/voice-recording.form", "CA8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39:recording:RE4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a",
                        "voicemail"},
                {"twilio/voice-transcription.form",
                        "CA8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39:transcription:TR2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e", "voicemail"}};
        for (String[] cb : callbacks) {
            for (int attempt = 0; attempt < 2; attempt++) {
                HttpResponse<Buffer> r = signedPost("/webhooks/acme-voice", Golden.text(cb[0]));
                assertThat(r.statusCode()).as(cb[0]).isEqualTo(200);
                assertThat(r.getHeader("Content-Type")).isEqualTo("text/xml");
                assertThat(r.bodyAsString()).isEqualTo(EMPTY);
            }
            JsonObject list = stored("acme-voice", cb[1]);
            assertThat(list.getInteger("count")).as(cb[0]).isEqualTo(1);
            assertThat(list.getJsonArray("contacts").getJsonObject(0).getString("kind")).isEqualTo(cb[2]);
        }
    }

    @Test
    void shouldAcknowledgeUnsupportedCallbackCountItAndStoreNothing() throws Exception {
        int before = channelCount("acme-ivr");
        double ignored = metric("switchboard_events_ignored_total",
                "channel=\"acme-ivr\",event_type=\"conference\",reason=\"unsupported\"");
        String form = Golden.text("twilio/voice-conference.form");
        HttpResponse<Buffer> r = post("/webhooks/acme-ivr", form,
                TwilioTestSigner.sign(TOKEN, "https://voice.example.com:8443/twilio/ivr", form));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsString()).isEqualTo(EMPTY);
        assertThat(channelCount("acme-ivr")).isEqualTo(before);
        assertThat(metric("switchboard_events_ignored_total",
                "channel=\"acme-ivr\",event_type=\"conference\",reason=\"unsupported\"")).isEqualTo(ignored + 1);
    }

    @Test
    void shouldVerifyAgainstTheConfiguredPublicUrlWithEitherPortVariant() throws Exception {
        String form = Golden.text("twilio/voice-call.form").replace("CA8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39",
                "CA00000000000000000000000000000001");
        HttpResponse<Buffer> withoutPort = post("/webhooks/acme-ivr", form,
                TwilioTestSigner.sign(TOKEN, "https://voice.example.com/twilio/ivr", form));
        assertThat(withoutPort.statusCode()).isEqualTo(200);
        assertThat(withoutPort.bodyAsString()).contains("<Say>").contains(
                "<Record action=\"https://voice.example.com:8443/twilio/ivr\"");
        HttpResponse<Buffer> internal = post("/webhooks/acme-ivr", form,
                TwilioTestSigner.sign(TOKEN, gateway.baseUrl() + "/webhooks/acme-ivr", form));
        assertThat(internal.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRejectSignatureOverTheInternalUrlBehindTheProxy() throws Exception {
        String form = Golden.text("twilio/whatsapp.form");
        HttpResponse<Buffer> r = post("/webhooks/acme-sms", form,
                TwilioTestSigner.sign(TOKEN, gateway.baseUrl() + "/webhooks/acme-sms", form));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "unauthorized"));
        assertThat(stored("acme-sms", "SM7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29").getInteger("count")).isZero();
    }

    @Test
    void shouldRejectTamperedPostAndStoreNothing() throws Exception {
        String form = Golden.text("twilio/mms.form");
        String signature = TwilioTestSigner.sign(TOKEN, PUBLIC + "/webhooks/acme-sms", form);
        String tampered = form.replace("MessageSid=MM0a1b", "MessageSid=MM9a1b");
        assertThat(tampered).isNotEqualTo(form);
        HttpResponse<Buffer> r = post("/webhooks/acme-sms", tampered, signature);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "unauthorized"));
        assertThat(stored("acme-sms", "MM9a1b2c3d4e5f60718293a4b5c6d7e8f9").getInteger("count")).isZero();
        HttpResponse<Buffer> unsigned = gateway.send(HttpMethod.POST, "/webhooks/acme-sms",
                Map.of("Content-Type", FORM), Buffer.buffer(form));
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(stored("acme-sms", "MM0a1b2c3d4e5f60718293a4b5c6d7e8f9").getInteger("count")).isZero();
    }

    @Test
    void shouldAcknowledgeSignedJsonBodyAndStoreNothing() throws Exception {
        byte[] body = Golden.bytes("twilio/event-streams.json");
        String path = "/webhooks/acme-sms?bodySHA256=" + TwilioTestSigner.sha256Hex(body);
        double ignored = metric("switchboard_events_ignored_total",
                "channel=\"acme-sms\",event_type=\"json_callback\",reason=\"unsupported\"");
        HttpResponse<Buffer> r = gateway.send(HttpMethod.POST, path, Map.of("Content-Type", "application/json",
                "X-Twilio-Signature", TwilioTestSigner.sign(TOKEN, PUBLIC + path, "")), Buffer.buffer(body));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsString()).isEqualTo(EMPTY);
        assertThat(metric("switchboard_events_ignored_total",
                "channel=\"acme-sms\",event_type=\"json_callback\",reason=\"unsupported\"")).isEqualTo(ignored + 1);
    }

    @Test
    void shouldAcceptSignedGetWebhook() throws Exception {
        String path = "/webhooks/acme-sms?" + Golden.text("twilio/sms-status.form").replace("SMb1c2", "SMc1c2");
        HttpResponse<Buffer> r = gateway.send(HttpMethod.GET, path,
                Map.of("X-Twilio-Signature", TwilioTestSigner.sign(TOKEN, PUBLIC + path, "")), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsString()).isEqualTo(EMPTY);
        assertThat(stored("acme-sms", "SMc1c2d3e4f5a60718293a4b5c6d7e8f90:delivered").getInteger("count")).isEqualTo(1);
    }

    @Test
    void shouldRefuseToStartWhenTheChosenAnswerLacksItsSettings(@TempDir Path other) {
        JsonObject config = new JsonObject().put("channels", new JsonObject().put("bad-voice", new JsonObject()
                .put("type", "twilio-voice").put("authToken", "${env:TWILIO_AUTH_TOKEN}").put("answer", "enqueue")));
        assertThatThrownBy(() -> TestGateway.start(other, config, Map.of("TWILIO_AUTH_TOKEN", TOKEN)).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.yaml")
                .hasMessageContaining("channels.bad-voice.enqueue.queue: is required when answer is enqueue");
    }

    @Test
    void shouldRejectMalformedFormWith400AndStoreNothing() throws Exception {
        String form = "MessageSid=SM22222222222222222222222222222222&Body=%ZZ";
        HttpResponse<Buffer> r = post("/webhooks/acme-sms", form, "c2lnbmF0dXJlLW5vdC1jaGVja2VkLXlldA==");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(stored("acme-sms", "SM22222222222222222222222222222222").getInteger("count")).isZero();
    }
}

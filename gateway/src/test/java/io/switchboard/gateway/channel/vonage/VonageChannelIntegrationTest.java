package io.switchboard.gateway.channel.vonage;

import io.switchboard.gateway.testing.Golden;
import io.switchboard.gateway.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code vonage-voice} and {@code vonage-messages} channels through a real gateway. */
class VonageChannelIntegrationTest {

    @TempDir
    static Path dir;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        JsonObject config = new JsonObject().put("channels", new JsonObject()
                .put("acme-voice", new JsonObject().put("type", "vonage-voice")
                        .put("signatureSecret", "${env:VONAGE_SIGNATURE_SECRET}"))
                .put("acme-messages", new JsonObject().put("type", "vonage-messages")
                        .put("signatureSecret", "${env:VONAGE_SIGNATURE_SECRET}")));
        gateway = TestGateway.start(dir, config, Map.of("VONAGE_SIGNATURE_SECRET", VonageTestTokens.SECRET));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static HttpResponse<Buffer> post(String channel, byte[] body, String auth) throws Exception {
        return gateway.send(HttpMethod.POST, "/webhooks/" + channel, Map.of("Content-Type", "application/json",
                "Authorization", auth), Buffer.buffer(body));
    }

    private static JsonObject stored(String channel, String eventId) throws Exception {
        HttpResponse<Buffer> r = gateway.get("/api/contacts?channel=" + channel + "&providerEventId=" + eventId);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    @Test
    void shouldStoreSignedAnswerOnceAndAnswerEveryRetryWithTheSameNcco() throws Exception {
        String query = Golden.text("vonage/voice-answer.query");
        String auth = VonageTestTokens.bearer(now(), VonageVoiceAdapterTest.ANSWER_QUERY_JSON.getBytes(StandardCharsets.UTF_8));
        HttpResponse<Buffer> first = gateway.send(HttpMethod.GET, "/webhooks/acme-voice?" + query,
                Map.of("Authorization", auth), null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.getHeader("Content-Type")).isEqualTo("application/json");
        JsonArray ncco = new JsonArray(first.body());
        assertThat(ncco.getJsonObject(0).getString("action")).isEqualTo("talk");
        assertThat(ncco.getJsonObject(1).getJsonArray("eventUrl").getString(0))
                .isEqualTo(gateway.baseUrl() + "/webhooks/acme-voice");

        JsonObject list = stored("acme-voice", "63f61863-4a51-4f6b-86e1-46edebcf9356");
        assertThat(list.getInteger("count")).isEqualTo(1);
        JsonObject call = list.getJsonArray("contacts").getJsonObject(0);
        assertThat(call.getString("kind")).isEqualTo("call");
        assertThat(call.getJsonObject("sender").getJsonObject("phone").getString("e164")).isEqualTo("+447700900123");

        HttpResponse<Buffer> retry = gateway.send(HttpMethod.GET, "/webhooks/acme-voice?" + query,
                Map.of("Authorization", VonageTestTokens.bearer(now(),
                        VonageVoiceAdapterTest.ANSWER_QUERY_JSON.getBytes(StandardCharsets.UTF_8))), null);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(new JsonArray(retry.body())).isEqualTo(ncco);
        assertThat(stored("acme-voice", "63f61863-4a51-4f6b-86e1-46edebcf9356").getInteger("count")).isEqualTo(1);

        HttpResponse<Buffer> raw = gateway.get("/api/contacts/" + call.getString("id") + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldStoreEachCallEventOnceAndAnswerEmpty() throws Exception {
        byte[] started = Golden.bytes("vonage/voice-event-started.json");
        byte[] completed = Golden.bytes("vonage/voice-event-completed.json");
        for (byte[] body : new byte[][] {started, completed, started}) {
            HttpResponse<Buffer> r = post("acme-voice", body, VonageTestTokens.bearer(now(), body));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body() == null ? 0 : r.body().length()).isZero();
        }
        assertThat(stored("acme-voice", "63f61863-4a51-4f6b-86e1-46edebcf9356:started").getInteger("count")).isEqualTo(1);
        assertThat(stored("acme-voice", "63f61863-4a51-4f6b-86e1-46edebcf9356:completed").getInteger("count")).isEqualTo(1);
    }

    @Test
    void shouldStoreSignedInboundMessageOnceAcrossRetries() throws Exception {
        byte[] body = Golden.bytes("vonage/messages-whatsapp-image.json");
        HttpResponse<Buffer> first = post("acme-messages", body, VonageTestTokens.bearer(now(), body));
        assertThat(first.statusCode()).isEqualTo(200);
        JsonObject list = stored("acme-messages", "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e");
        assertThat(list.getInteger("count")).isEqualTo(1);
        assertThat(list.getJsonArray("contacts").getJsonObject(0).getJsonObject("content").getJsonArray("attachments")
                .getJsonObject(0).getString("kind")).isEqualTo("image");

        HttpResponse<Buffer> retry = post("acme-messages", body, VonageTestTokens.bearer(now(), body));
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(stored("acme-messages", "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e").getInteger("count")).isEqualTo(1);
        assertThat(gateway.metrics()).contains("switchboard_contacts_duplicate_total{channel=\"acme-messages\"} 1.0");
    }

    @Test
    void shouldRejectTamperedStaleAndUnsignedPostsAndStoreNothing() throws Exception {
        byte[] body = Golden.bytes("vonage/messages-sms.json");
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("aaaaaaaa-bbbb", "cccccccc-bbbb")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<Buffer> r = post("acme-messages", tampered, VonageTestTokens.bearer(now(), body));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
        assertThat(post("acme-messages", body, VonageTestTokens.bearer(now() - 3600, body)).statusCode()).isEqualTo(401);
        HttpResponse<Buffer> unsigned = gateway.send(HttpMethod.POST, "/webhooks/acme-messages",
                Map.of("Content-Type", "application/json"), Buffer.buffer(body));
        assertThat(unsigned.statusCode()).isEqualTo(429); // Vonage retries 429: an unsigned callback comes again signed
        assertThat(unsigned.getHeader("Retry-After")).isNotNull();
        assertThat(gateway.send(HttpMethod.GET, "/webhooks/acme-voice?to=1&from=2&uuid=3", Map.of(), null)
                .statusCode()).isEqualTo(401);
        assertThat(stored("acme-messages", "cccccccc-bbbb-4ccc-8ddd-0123456789ab").getInteger("count")).isZero();
        assertThat(stored("acme-messages", "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab").getInteger("count")).isZero();
    }
}

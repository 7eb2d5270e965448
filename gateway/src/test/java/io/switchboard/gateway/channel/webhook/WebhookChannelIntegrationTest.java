package io.switchboard.gateway.channel.webhook;

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
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code webhook} channel through a real gateway: signed post stored once, retries, rejections, filtering. */
class WebhookChannelIntegrationTest {

    @TempDir
    static Path dir;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        JsonObject channels = new JsonObject().put("acme-chat", new JsonObject().put("type", "webhook")
                .put("secret", "${env:RELAYCHAT_WEBHOOK_SECRET}").put("provider", "relaychat").put("defaultRegion", "GB")
                .put("eventTypes", new JsonArray().add("message.created"))
                .put("mapping", WebhookAdapterTest.CHAT_MAPPING.copy().put("eventId", (String) null)));
        gateway = TestGateway.start(dir, new JsonObject().put("channels", channels),
                Map.of("RELAYCHAT_WEBHOOK_SECRET", WebhookAdapterTest.SECRET));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<Buffer> post(byte[] body, String id, long ts, String signature) throws Exception {
        Map<String, String> h = new HashMap<>();
        h.put("Content-Type", "application/json");
        h.put("webhook-id", id);
        h.put("webhook-timestamp", String.valueOf(ts));
        h.put("webhook-signature", signature);
        return gateway.send(HttpMethod.POST, "/webhooks/acme-chat", h, Buffer.buffer(body));
    }

    private static HttpResponse<Buffer> signedPost(byte[] body, String id, long ts) throws Exception {
        return post(body, id, ts, WebhookAdapterTest.sign(WebhookAdapterTest.SECRET, id, String.valueOf(ts), body));
    }

    private static int count(String eventId) throws Exception {
        HttpResponse<Buffer> r = gateway.get("/api/contacts?channel=acme-chat&providerEventId=" + eventId);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonObject().getInteger("count");
    }

    @Test
    void shouldStoreSignedPostOnceAcrossRetries() throws Exception {
        byte[] body = Golden.bytes("webhook/chat-message.json");
        long now = Instant.now().getEpochSecond();
        HttpResponse<Buffer> first = signedPost(body, "msg_int_1", now);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(count("msg_int_1")).isEqualTo(1);
        JsonObject c = gateway.get("/api/contacts?channel=acme-chat&providerEventId=msg_int_1").bodyAsJsonObject()
                .getJsonArray("contacts").getJsonObject(0);
        assertThat(c.getJsonObject("sender").getJsonObject("phone").getString("e164")).isEqualTo("+447700900461");

        // A Standard Webhooks retry: same webhook-id, new timestamp and signature.
        HttpResponse<Buffer> retry = signedPost(body, "msg_int_1", now + 5);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(count("msg_int_1")).isEqualTo(1);
    }

    @Test
    void shouldRejectTamperedAndStalePostsAndStoreNothing() throws Exception {
        byte[] body = Golden.bytes("webhook/chat-message.json");
        long now = Instant.now().getEpochSecond();
        String sig = WebhookAdapterTest.sign(WebhookAdapterTest.SECRET, "msg_int_2", String.valueOf(now), body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Can you check?", "Refund me.")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<Buffer> r = post(tampered, "msg_int_2", now, sig);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
        assertThat(signedPost(body, "msg_int_3", now - 600).statusCode()).isEqualTo(401);
        assertThat(count("msg_int_2")).isZero();
        assertThat(count("msg_int_3")).isZero();
    }

    @Test
    void shouldAcknowledgeOtherEventTypesAndCountThem() throws Exception {
        byte[] body = Golden.bytes("webhook/invoice-paid.json");
        HttpResponse<Buffer> r = signedPost(body, "msg_int_4", Instant.now().getEpochSecond());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(count("msg_int_4")).isZero();
        assertThat(gateway.metrics()).containsPattern(
                "switchboard_events_ignored_total\\{channel=\"acme-chat\",event_type=\"other\",reason=\"filtered\"} [1-9]");
    }
}

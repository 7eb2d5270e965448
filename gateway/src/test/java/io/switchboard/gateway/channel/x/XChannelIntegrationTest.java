package io.switchboard.gateway.channel.x;

import io.switchboard.gateway.testing.Golden;
import io.switchboard.gateway.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code x} channel through a real gateway: handshake, durable storage, de-duplication, rejection. */
class XChannelIntegrationTest {

    private static final String SECRET = "integration-consumer-secret";

    @TempDir
    static Path dir;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        JsonObject config = new JsonObject().put("channels", new JsonObject().put("acme-x", new JsonObject()
                .put("type", "x").put("consumerSecret", "${env:X_CONSUMER_SECRET}")));
        gateway = TestGateway.start(dir, config, Map.of("X_CONSUMER_SECRET", SECRET));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<Buffer> post(byte[] body, String signature) throws Exception {
        return gateway.send(HttpMethod.POST, "/webhooks/acme-x", Map.of("Content-Type", "application/json",
                "x-twitter-webhooks-signature", signature), Buffer.buffer(body));
    }

    private static JsonObject stored(String eventId) throws Exception {
        HttpResponse<Buffer> r = gateway.get("/api/contacts?channel=acme-x&providerEventId=" + eventId);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    @Test
    void shouldAnswerCrcThroughGateway() throws Exception {
        HttpResponse<Buffer> r = gateway.get("/webhooks/acme-x?crc_token=crc-token-123");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        assertThat(r.bodyAsJsonObject().getString("response_token"))
                .isEqualTo(XAdapterTest.sign(SECRET, "crc-token-123".getBytes(StandardCharsets.UTF_8)));
        assertThat(gateway.get("/webhooks/acme-x").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldStoreSignedDirectMessageOnceAcrossRetries() throws Exception {
        byte[] body = Golden.bytes("x/dm.json");
        String signature = XAdapterTest.sign(SECRET, body);

        HttpResponse<Buffer> first = post(body, signature);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body() == null ? 0 : first.body().length()).isZero();
        JsonObject list = stored("1371204467341807621");
        assertThat(list.getInteger("count")).isEqualTo(1);
        JsonObject contact = list.getJsonArray("contacts").getJsonObject(0);
        assertThat(contact.getString("kind")).isEqualTo("message");
        assertThat(contact.getJsonObject("sender").getString("handle")).isEqualTo("@janecust");

        HttpResponse<Buffer> retry = post(body, signature);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(stored("1371204467341807621").getInteger("count")).isEqualTo(1);
    }

    @Test
    void shouldRejectTamperedPostAndStoreNothing() throws Exception {
        byte[] body = Golden.bytes("x/mention.json");
        String signature = XAdapterTest.sign(SECRET, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("\"id_str\": \"1369674473466437632\"", "\"id_str\": \"1369674473466437699\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(body);

        HttpResponse<Buffer> r = post(tampered, signature);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
        assertThat(stored("1369674473466437699").getInteger("count")).isZero();
        assertThat(stored("1369674473466437632").getInteger("count")).isZero();
    }
}

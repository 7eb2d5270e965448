package io.switchboard.gateway.channel.meta;

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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code meta} channel through a real gateway: handshake, durable storage, de-duplication, rejection. */
class MetaChannelIntegrationTest {

    private static final String SECRET = "integration-app-secret";
    private static final String TOKEN = "integration-verify-token";

    @TempDir
    static Path dir;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        JsonObject config = new JsonObject().put("channels", new JsonObject().put("acme-meta", new JsonObject()
                .put("type", "meta").put("appSecret", "${env:META_APP_SECRET}")
                .put("verifyToken", "${env:META_VERIFY_TOKEN}")));
        gateway = TestGateway.start(dir, config, Map.of("META_APP_SECRET", SECRET, "META_VERIFY_TOKEN", TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<Buffer> post(byte[] body, String signature) throws Exception {
        return gateway.send(HttpMethod.POST, "/webhooks/acme-meta", Map.of("Content-Type", "application/json",
                "X-Hub-Signature-256", signature), Buffer.buffer(body));
    }

    private static JsonObject stored(String eventId) throws Exception {
        HttpResponse<Buffer> r = gateway.get("/api/contacts?channel=acme-meta&providerEventId=" + eventId);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    private static String sign(byte[] body) {
        return MetaAdapterTest.sign(SECRET, body);
    }

    @Test
    void shouldEchoChallengeThroughGateway() throws Exception {
        HttpResponse<Buffer> ok = gateway.get("/webhooks/acme-meta?hub.mode=subscribe&hub.challenge=1158201444"
                + "&hub.verify_token=" + TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.getHeader("Content-Type")).startsWith("text/plain");
        assertThat(ok.bodyAsString()).isEqualTo("1158201444");
        assertThat(gateway.get("/webhooks/acme-meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope")
                .statusCode()).isEqualTo(403);
        assertThat(gateway.get("/webhooks/acme-meta").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldStoreSignedWhatsAppMessageOnceAcrossRetries() throws Exception {
        byte[] body = Golden.bytes("meta/whatsapp-text.json");
        String wamid = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";

        HttpResponse<Buffer> first = post(body, sign(body));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.bodyAsString()).isEqualTo("EVENT_RECEIVED");
        JsonObject list = stored(java.net.URLEncoder.encode(wamid, StandardCharsets.UTF_8));
        assertThat(list.getInteger("count")).isEqualTo(1);
        JsonObject contact = list.getJsonArray("contacts").getJsonObject(0);
        assertThat(contact.getJsonObject("sender").getJsonObject("phone").getString("e164")).isEqualTo("+16505551234");

        HttpResponse<Buffer> retry = post(body, sign(body));
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(stored(java.net.URLEncoder.encode(wamid, StandardCharsets.UTF_8)).getInteger("count")).isEqualTo(1);
    }

    @Test
    void shouldStoreEachMessageOfBatchWithPointerIntoSharedRawPayload() throws Exception {
        byte[] body = Golden.bytes("meta/whatsapp-batch.json");
        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);
        JsonObject second = stored("wamid.BATCH-E1-M1").getJsonArray("contacts").getJsonObject(0);
        assertThat(second.getJsonObject("raw").getString("pointer")).isEqualTo("/entry/1/changes/0/value/messages/1");

        HttpResponse<Buffer> raw = gateway.get("/api/contacts/" + second.getString("id") + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body().getBytes()).isEqualTo(body);
        assertThat(raw.getHeader("X-Switchboard-Raw-Pointer")).isEqualTo("/entry/1/changes/0/value/messages/1");
        for (String id : new String[] {"wamid.BATCH-E0-M0", "wamid.BATCH-E0-M1", "wamid.BATCH-E1-M0"}) {
            JsonArray contacts = stored(id).getJsonArray("contacts");
            assertThat(contacts).hasSize(1);
            assertThat(contacts.getJsonObject(0).getJsonObject("raw").getString("id"))
                    .isEqualTo(second.getJsonObject("raw").getString("id"));
        }
    }

    @Test
    void shouldRejectTamperedPostAndStoreNothing() throws Exception {
        byte[] body = Golden.bytes("meta/messenger-text.json");
        String signature = sign(body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"mid\": \"m_AG5H", "\"mid\": \"m_XX5H")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(body);

        HttpResponse<Buffer> r = post(tampered, signature);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
        assertThat(stored("m_XX5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P")
                .getInteger("count")).isZero();
        assertThat(stored("m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P")
                .getInteger("count")).isZero();
    }
}

package io.switchboard.gateway.channel.telegram;

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

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code telegram} channel through a real gateway. */
class TelegramChannelIntegrationTest {

    @TempDir
    static Path dir;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        JsonObject config = new JsonObject().put("channels", new JsonObject().put("acme-telegram", new JsonObject()
                .put("type", "telegram").put("secretToken", "${env:TELEGRAM_SECRET_TOKEN}")
                .put("botId", TelegramAdapterTest.BOT_ID).put("botUsername", "acme_support_bot")));
        gateway = TestGateway.start(dir, config, Map.of("TELEGRAM_SECRET_TOKEN", TelegramAdapterTest.SECRET));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<Buffer> post(byte[] body, String secret) throws Exception {
        Map<String, String> headers = secret == null ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "X-Telegram-Bot-Api-Secret-Token", secret);
        return gateway.send(HttpMethod.POST, "/webhooks/acme-telegram", headers, Buffer.buffer(body));
    }

    private static JsonObject stored(String eventId) throws Exception {
        HttpResponse<Buffer> r = gateway.get("/api/contacts?channel=acme-telegram&providerEventId=" + eventId);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    @Test
    void shouldStoreUpdateOnceAcrossRetriesAndAnswerEmpty200() throws Exception {
        byte[] body = Golden.bytes("telegram/text.json");
        HttpResponse<Buffer> first = post(body, TelegramAdapterTest.SECRET);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body() == null ? 0 : first.body().length()).isZero();
        JsonObject list = stored(TelegramAdapterTest.BOT_ID + ":123456789");
        assertThat(list.getInteger("count")).isEqualTo(1);
        JsonObject contact = list.getJsonArray("contacts").getJsonObject(0);
        assertThat(contact.getString("kind")).isEqualTo("message");
        assertThat(contact.getJsonObject("sender").getString("handle")).isEqualTo("@janedoe");

        HttpResponse<Buffer> retry = post(body, TelegramAdapterTest.SECRET);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(stored(TelegramAdapterTest.BOT_ID + ":123456789").getInteger("count")).isEqualTo(1);

        HttpResponse<Buffer> raw = gateway.get("/api/contacts/" + contact.getString("id") + "/raw");
        assertThat(raw.body().getBytes()).isEqualTo(body);
        assertThat(raw.bodyAsString()).doesNotContain(TelegramAdapterTest.SECRET);
    }

    @Test
    void shouldRejectMissingOrWrongSecretAndStoreNothing() throws Exception {
        byte[] body = Golden.bytes("telegram/voice.json");
        assertThat(post(body, null).statusCode()).isEqualTo(401);
        HttpResponse<Buffer> wrong = post(body, "guess");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
        assertThat(stored(TelegramAdapterTest.BOT_ID + ":123456792").getInteger("count")).isZero();
    }

    @Test
    void shouldAcknowledgeAndCountOtherUpdateKindsWithoutStoring() throws Exception {
        assertThat(post(Golden.bytes("telegram/callback-query.json"), TelegramAdapterTest.SECRET).statusCode())
                .isEqualTo(200);
        assertThat(stored(TelegramAdapterTest.BOT_ID + ":123456796").getInteger("count")).isZero();
        assertThat(gateway.metrics()).contains("switchboard_events_ignored_total{channel=\"acme-telegram\","
                + "event_type=\"callback_query\",reason=\"unsupported\"} 1.0");
    }

    @Test
    void shouldAnswerMalformedBodyWith400() throws Exception {
        assertThat(post("{\"update_id\":\"x\"}".getBytes(), TelegramAdapterTest.SECRET).statusCode()).isEqualTo(400);
        assertThat(post("{".getBytes(), TelegramAdapterTest.SECRET).statusCode()).isEqualTo(400);
    }
}

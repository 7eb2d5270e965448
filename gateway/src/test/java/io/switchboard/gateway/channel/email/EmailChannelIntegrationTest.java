package io.switchboard.gateway.channel.email;

import io.switchboard.gateway.testing.TestGateway;
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
import java.time.Instant;
import java.util.Map;

import static io.switchboard.gateway.channel.email.EmailFixtures.MAILGUN_BOUNDARY;
import static io.switchboard.gateway.channel.email.EmailFixtures.MG_SIG;
import static io.switchboard.gateway.channel.email.EmailFixtures.MG_TOKEN;
import static io.switchboard.gateway.channel.email.EmailFixtures.MG_TS;
import static io.switchboard.gateway.channel.email.EmailFixtures.SENDGRID_BOUNDARY;
import static io.switchboard.gateway.channel.email.EmailFixtures.SG_PASSWORD;
import static io.switchboard.gateway.channel.email.EmailFixtures.SG_USER;
import static io.switchboard.gateway.channel.email.EmailFixtures.basic;
import static io.switchboard.gateway.channel.email.EmailFixtures.bytes;
import static io.switchboard.gateway.channel.email.EmailFixtures.replace;
import static io.switchboard.gateway.channel.email.EmailFixtures.resigned;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code email} channel through a real gateway: durable storage once, retries, rejection storing nothing. */
class EmailChannelIntegrationTest {

    @TempDir
    static Path dir;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        JsonObject channels = new JsonObject()
                .put("support-sendgrid", new JsonObject().put("type", "email").put("provider", "sendgrid")
                        .put("sendgrid", new JsonObject().put("username", SG_USER).put("password", "${env:SG_PASSWORD}")))
                .put("billing-mailgun", new JsonObject().put("type", "email").put("provider", "mailgun")
                        .put("mailgun", new JsonObject().put("signingKey", "${env:MAILGUN_SIGNING_KEY}")));
        gateway = TestGateway.start(dir, new JsonObject().put("channels", channels),
                Map.of("SG_PASSWORD", SG_PASSWORD, "MAILGUN_SIGNING_KEY", EmailFixtures.MAILGUN_KEY));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<Buffer> post(String channel, String boundary, byte[] body, Map<String, String> headers)
            throws Exception {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put("Content-Type", "multipart/form-data; boundary=" + boundary);
        return gateway.send(HttpMethod.POST, "/webhooks/" + channel, h, Buffer.buffer(body));
    }

    private static JsonObject stored(String channel, String eventId) throws Exception {
        HttpResponse<Buffer> r = gateway.get("/api/contacts?channel=" + channel + "&providerEventId="
                + URLEncoder.encode(eventId, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    @Test
    void shouldStoreSendGridPostOnceAcrossRetries() throws Exception {
        byte[] body = bytes("email/sendgrid-parsed.multipart");
        Map<String, String> auth = Map.of("Authorization", basic(SG_USER, SG_PASSWORD));
        String messageId = "CAH3d+Zk0aR7bq5nV2u4Lw9xq1p@mail.example.net";

        HttpResponse<Buffer> first = post("support-sendgrid", SENDGRID_BOUNDARY, body, auth);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonObject list = stored("support-sendgrid", messageId);
        assertThat(list.getInteger("count")).isEqualTo(1);
        JsonObject contact = list.getJsonArray("contacts").getJsonObject(0);
        assertThat(contact.getString("kind")).isEqualTo("email");
        assertThat(contact.getJsonObject("sender").getJsonObject("email").getString("address"))
                .isEqualTo("jane.roe@example.net");
        assertThat(contact.getJsonObject("content").getJsonArray("attachments")).hasSize(2);

        HttpResponse<Buffer> retry = post("support-sendgrid", SENDGRID_BOUNDARY, body, auth);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(stored("support-sendgrid", messageId).getInteger("count")).isEqualTo(1);

        // The attachments' content is in the raw payload, byte for byte; the credentials are not kept with it.
        HttpResponse<Buffer> raw = gateway.get("/api/contacts/" + contact.getString("id") + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body().getBytes()).isEqualTo(body);
    }

    @Test
    void shouldRejectSendGridPostWithWrongCredentialsAndStoreNothing() throws Exception {
        byte[] body = replace(bytes("email/sendgrid-raw.multipart"), "CAH3d+Zm9QvT0w2@", "CAH3d+Zm9QvT0w3@");
        HttpResponse<Buffer> r = post("support-sendgrid", SENDGRID_BOUNDARY, body,
                Map.of("Authorization", basic(SG_USER, "guess")));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
        assertThat(post("support-sendgrid", SENDGRID_BOUNDARY, body, Map.of()).statusCode()).isEqualTo(401);
        assertThat(stored("support-sendgrid", "CAH3d+Zm9QvT0w3@mail.example.net").getInteger("count")).isZero();
    }

    @Test
    void shouldStoreMailgunPostOnceAcrossResignedRetries() throws Exception {
        long now = Instant.now().getEpochSecond();
        byte[] original = bytes("email/mailgun-attachment.multipart");
        byte[] first = resigned(original, MG_TS, MG_TOKEN, MG_SIG, now, "1".repeat(50));
        byte[] retry = resigned(original, MG_TS, MG_TOKEN, MG_SIG, now + 1, "2".repeat(50));
        String messageId = "20240610145952.3f9a2c@mail.example.org";

        assertThat(post("billing-mailgun", MAILGUN_BOUNDARY, first, Map.of()).statusCode()).isEqualTo(200);
        assertThat(stored("billing-mailgun", messageId).getInteger("count")).isEqualTo(1);
        assertThat(post("billing-mailgun", MAILGUN_BOUNDARY, retry, Map.of()).statusCode()).isEqualTo(200);
        assertThat(post("billing-mailgun", MAILGUN_BOUNDARY, first, Map.of()).statusCode()).isEqualTo(200);
        assertThat(stored("billing-mailgun", messageId).getInteger("count")).isEqualTo(1);
    }

    @Test
    void shouldRejectReusedMailgunTokenCarryingAnotherMessage() throws Exception {
        long now = Instant.now().getEpochSecond();
        byte[] genuine = resigned(bytes("email/mailgun-attachment.multipart"), MG_TS, MG_TOKEN, MG_SIG, now,
                "3".repeat(50));
        assertThat(post("billing-mailgun", MAILGUN_BOUNDARY, genuine, Map.of()).statusCode()).isEqualTo(200);
        byte[] forged = replace(genuine, "20240610145952.3f9a2c@", "20240610145952.forged@");
        HttpResponse<Buffer> r = post("billing-mailgun", MAILGUN_BOUNDARY, forged, Map.of());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(stored("billing-mailgun", "20240610145952.forged@mail.example.org").getInteger("count")).isZero();
    }

    @Test
    void shouldRejectStaleMailgunPostAndStoreNothing() throws Exception {
        long stale = Instant.now().getEpochSecond() - 3600;
        byte[] body = replace(resigned(bytes("email/mailgun-attachment.multipart"), MG_TS, MG_TOKEN, MG_SIG, stale,
                "4".repeat(50)), "20240610145952.3f9a2c@", "20240610145952.stale0@");
        assertThat(post("billing-mailgun", MAILGUN_BOUNDARY, body, Map.of()).statusCode()).isEqualTo(401);
        assertThat(stored("billing-mailgun", "20240610145952.stale0@mail.example.org").getInteger("count")).isZero();
    }

    @Test
    void shouldCountStaleReplaysAsRejectedInMetrics() throws Exception {
        // The fixture as committed is signed at a fixed past time: a replay of it is refused as stale.
        assertThat(post("billing-mailgun", MAILGUN_BOUNDARY, bytes("email/mailgun-attachment.multipart"), Map.of())
                .statusCode()).isEqualTo(401);
        assertThat(gateway.metrics()).containsPattern(
                "switchboard_requests_rejected_total\\{channel=\"billing-mailgun\",reason=\"stale-timestamp\"} [1-9]");
    }
}

package io.switchboard.gateway.http;

import io.switchboard.gateway.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Restart durability, the read API, admin authentication and health. */
class GatewayLifecycleTest {

    private static JsonObject config() {
        return new JsonObject().put("channels", new JsonObject()
                .put("web", new JsonObject().put("type", "web-form").put("perClientLimit", 0))
                .put("sms", new JsonObject().put("type", "web-form").put("perClientLimit", 0).put("honeypotField", "trap")));
    }

    @Test
    void acceptedContactsShouldBeReadableAfterARestart(@TempDir Path dir) throws Exception {
        List<String> ids = new ArrayList<>();
        try (TestGateway gw = TestGateway.start(dir, config(), Map.of())) {
            for (int i = 0; i < 20; i++) {
                HttpResponse<Buffer> r = gw.post("/webhooks/web", "application/json",
                        new JsonObject().put("message", "restart " + i).encode());
                assertThat(r.statusCode()).isEqualTo(202);
                ids.add(r.bodyAsJsonObject().getString("id"));
            }
        }
        try (TestGateway gw = TestGateway.start(dir, config(), Map.of())) {
            for (int i = 0; i < ids.size(); i++) {
                HttpResponse<Buffer> r = gw.get("/api/contacts/" + ids.get(i));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.bodyAsJsonObject().getJsonObject("content").getString("text")).isEqualTo("restart " + i);
            }
            assertThat(gw.get("/api/contacts?limit=1000").bodyAsJsonObject().getInteger("count")).isEqualTo(20);
        }
    }

    @Test
    void listingShouldBeNewestFirstAndFilter(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.start(dir, config(), Map.of())) {
            String a = gw.post("/webhooks/web", "application/json", "{\"message\":\"a\"}").bodyAsJsonObject().getString("id");
            String b = gw.post("/webhooks/sms", "application/json", "{\"message\":\"b\"}").bodyAsJsonObject().getString("id");
            String c = gw.send(HttpMethod.POST, "/webhooks/web", Map.of("Content-Type", "application/json",
                    "Idempotency-Key", "key-c"), Buffer.buffer("{\"message\":\"c\"}")).bodyAsJsonObject().getString("id");
            assertThat(ids(gw, "/api/contacts")).containsExactly(c, b, a);
            assertThat(ids(gw, "/api/contacts?channel=web")).containsExactly(c, a);
            assertThat(ids(gw, "/api/contacts?providerEventId=key-c")).containsExactly(c);
            assertThat(ids(gw, "/api/contacts?limit=2")).containsExactly(c, b);
            JsonObject page = gw.get("/api/contacts?limit=2").bodyAsJsonObject();
            assertThat(ids(gw, "/api/contacts?limit=2&before=" + page.getString("next"))).containsExactly(a);
            assertThat(ids(gw, "/api/contacts?since=2999-01-01T00:00:00Z")).isEmpty();
            assertThat(ids(gw, "/api/contacts?customerId=nobody")).isEmpty();
        }
    }

    private static List<String> ids(TestGateway gw, String path) throws Exception {
        HttpResponse<Buffer> r = gw.get(path);
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.bodyAsJsonObject().getJsonArray("contacts").forEach(o -> out.add(((JsonObject) o).getString("id")));
        return out;
    }

    @Test
    void readApiShouldAnswer404And400Clearly(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.start(dir, config(), Map.of())) {
            assertThat(gw.get("/api/contacts/01a21187-0000-7000-8000-000000000000").statusCode()).isEqualTo(404);
            HttpResponse<Buffer> bad = gw.get("/api/contacts?limit=abc");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.bodyAsJsonObject().getString("detail")).isEqualTo("limit must be a whole number");
            assertThat(gw.get("/api/contacts?limit=0").statusCode()).isEqualTo(400);
            assertThat(gw.get("/api/contacts?since=yesterday").bodyAsJsonObject().getString("detail"))
                    .contains("since must be an ISO-8601 instant");
        }
    }

    @Test
    void apiShouldNotBeServedOnThePublicListener(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.start(dir, config(), Map.of())) {
            String id = gw.post("/webhooks/web", "application/json", "{\"message\":\"x\"}").bodyAsJsonObject()
                    .getString("id");
            var onPublic = gw.client().get("/api/contacts/" + id).send().toCompletionStage().toCompletableFuture()
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(onPublic.statusCode()).isEqualTo(404);
            assertThat(gw.get("/api/contacts/" + id).statusCode()).isEqualTo(200);
            var webhookOnAdmin = gw.adminClient().post("/webhooks/web").putHeader("Content-Type", "application/json")
                    .sendBuffer(Buffer.buffer("{\"message\":\"x\"}")).toCompletionStage().toCompletableFuture()
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(webhookOnAdmin.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void adminTokenShouldGuardTheApiButNotWebhooksOrHealth(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.start(dir, config(), Map.of("SWITCHBOARD_ADMIN_TOKEN", "s3cret-token"))) {
            String id = gw.post("/webhooks/web", "application/json", "{\"message\":\"x\"}").bodyAsJsonObject()
                    .getString("id");
            HttpResponse<Buffer> anonymous = gw.get("/api/contacts/" + id);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.getHeader("WWW-Authenticate")).startsWith("Bearer");
            assertThat(gw.send(HttpMethod.GET, "/api/contacts/" + id, Map.of("Authorization", "Bearer wrong"), null)
                    .statusCode()).isEqualTo(401);
            assertThat(gw.send(HttpMethod.GET, "/api/contacts/" + id, Map.of("Authorization", "Bearer s3cret-token"),
                    null).statusCode()).isEqualTo(200);
            assertThat(gw.get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readinessShouldReportStoreAndChannels(@TempDir Path dir) throws Exception {
        JsonObject cfg = config();
        cfg.getJsonObject("channels").put("later", new JsonObject().put("type", "web-form").put("perClientLimit", 0).put("enabled", false));
        try (TestGateway gw = TestGateway.start(dir, cfg, Map.of())) {
            HttpResponse<Buffer> r = gw.get("/health/ready");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject body = r.bodyAsJsonObject();
            assertThat(body.getString("status")).isEqualTo("UP");
            assertThat(body.encode()).contains("\"store\"").contains("\"web\"").contains("not-started")
                    .contains("disabled in configuration");
            assertThat(gw.post("/webhooks/later", "application/json", "{\"message\":\"x\"}").statusCode())
                    .isEqualTo(503);
        }
    }
}

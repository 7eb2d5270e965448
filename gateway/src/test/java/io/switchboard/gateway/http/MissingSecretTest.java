package io.switchboard.gateway.http;

import io.switchboard.gateway.Gateway;
import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.channel.webform.WebFormAdapterFactory;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.testing.SecretChannelFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A channel whose secret is missing is not started; the others serve, and readiness says why. */
class MissingSecretTest {

    private static final ChannelRegistry REGISTRY = ChannelRegistry.of(List.of(new WebFormAdapterFactory(),
            new SecretChannelFactory()));

    private static JsonObject config(Path dir) {
        return new JsonObject()
                .put("server", new JsonObject().put("port", 0).put("instances", 1))
                .put("admin", new JsonObject().put("port", 0))
                .put("store", new JsonObject().put("path", dir.resolve("s.db").toString()))
                .put("channels", new JsonObject()
                        .put("signed", new JsonObject().put("type", "test-secret").put("secret", "${env:TEST_SECRET}"))
                        .put("web", new JsonObject().put("type", "web-form")));
    }

    @Test
    void missingSecretShouldOnlyDisableItsChannel(@TempDir Path dir) throws Exception {
        GatewayConfig cfg = ConfigLoader.parse(config(dir), dir.resolve("gateway.yaml"), Map.of(), REGISTRY);
        assertThat(cfg.channels().get("signed").live()).isFalse();
        assertThat(cfg.channels().get("signed").disabledReasons()).singleElement().asString()
                .isEqualTo("channels.signed.secret: environment variable TEST_SECRET is not set");
        Gateway gw = Gateway.start(cfg, REGISTRY, Clock.systemUTC());
        Vertx v = Vertx.vertx();
        WebClient client = WebClient.create(v);
        try {
            var ready = client.get(gw.port(), "127.0.0.1", "/health/ready").send()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            JsonObject channels = ready.bodyAsJsonObject().getJsonArray("checks").stream()
                    .map(JsonObject.class::cast).filter(c -> c.getString("id").equals("channels")).findFirst()
                    .orElseThrow().getJsonObject("data");
            assertThat(channels.getJsonObject("signed").getString("status")).isEqualTo("not-started");
            assertThat(channels.getJsonObject("signed").getString("reason")).contains("TEST_SECRET is not set");
            assertThat(channels.getJsonObject("web").getString("status")).isEqualTo("live");
            var signed = client.post(gw.port(), "127.0.0.1", "/webhooks/signed").sendJsonObject(new JsonObject()
                    .put("id", "1")).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(signed.statusCode()).isEqualTo(503);
            var web = client.post(gw.port(), "127.0.0.1", "/webhooks/web").sendJsonObject(new JsonObject()
                    .put("message", "x")).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(web.statusCode()).isEqualTo(202);
        } finally {
            client.close();
            v.close();
            gw.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void presentSecretShouldStartTheChannelAndCheckRequests(@TempDir Path dir) throws Exception {
        GatewayConfig cfg = ConfigLoader.parse(config(dir), dir.resolve("gateway.yaml"),
                Map.of("TEST_SECRET", "opensesame"), REGISTRY);
        Gateway gw = Gateway.start(cfg, REGISTRY, Clock.systemUTC());
        Vertx v = Vertx.vertx();
        WebClient client = WebClient.create(v);
        try {
            var bad = client.post(gw.port(), "127.0.0.1", "/webhooks/signed").putHeader("X-Test-Secret", "nope")
                    .sendJsonObject(new JsonObject().put("id", "1")).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(bad.statusCode()).isEqualTo(401);
            assertThat(bad.bodyAsString()).isEqualTo("{\"error\":\"unauthorized\"}");
            var good = client.post(gw.port(), "127.0.0.1", "/webhooks/signed").putHeader("X-Test-Secret", "opensesame")
                    .sendJsonObject(new JsonObject().put("id", "1")).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(good.statusCode()).isEqualTo(200);
        } finally {
            client.close();
            v.close();
            gw.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}

package io.switchboard.gateway.channel.webform;

import io.switchboard.gateway.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The public form cannot be used to flood the gateway: per-client and per-channel limits. */
class WebFormAbuseTest {

    private static HttpResponse<Buffer> post(TestGateway gw, String channel, String clientIp) throws Exception {
        return gw.send(HttpMethod.POST, "/webhooks/" + channel, Map.of("Content-Type", "application/json",
                "X-Forwarded-For", clientIp), Buffer.buffer("{\"message\":\"hello\"}"));
    }

    @Test
    void aClientOverItsLimitShouldGet429WhileOthersAreServed(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.start(dir, new JsonObject()
                .put("server", new JsonObject().put("trustForwardedHeaders", true))
                .put("channels", new JsonObject().put("form", new JsonObject().put("type", "web-form")
                        .put("perClientLimit", 3).put("perClientWindow", "1m"))), Map.of())) {
            for (int i = 0; i < 3; i++) {
                assertThat(post(gw, "form", "203.0.113.7").statusCode()).isEqualTo(202);
            }
            HttpResponse<Buffer> limited = post(gw, "form", "203.0.113.7");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.getHeader("Retry-After")).isEqualTo("60");
            assertThat(limited.bodyAsJsonObject().getString("error")).isEqualTo("rate-limited-client");
            assertThat(post(gw, "form", "198.51.100.9").statusCode()).isEqualTo(202);
            assertThat(gw.get("/api/contacts?channel=form").bodyAsJsonObject().getInteger("count")).isEqualTo(4);
            assertThat(gw.metrics()).contains("switchboard_requests_rejected_total{channel=\"form\",reason=\"rate-limited-client\"} 1.0");
        }
    }

    @Test
    void theWholeChannelShouldBeCappedPerSecond(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.start(dir, new JsonObject()
                .put("server", new JsonObject().put("trustForwardedHeaders", true))
                .put("channels", new JsonObject().put("form", new JsonObject().put("type", "web-form")
                        .put("perClientLimit", 0).put("channelLimitPerSecond", 5))), Map.of())) {
            int accepted = 0;
            int limited = 0;
            for (int i = 0; i < 30; i++) {
                int status = post(gw, "form", "192.0.2." + i).statusCode();
                if (status == 202) {
                    accepted++;
                } else if (status == 429) {
                    limited++;
                }
            }
            assertThat(limited).isPositive();
            assertThat(accepted + limited).isEqualTo(30);
            assertThat(gw.get("/api/contacts?channel=form&limit=100").bodyAsJsonObject().getInteger("count"))
                    .isEqualTo(accepted);
        }
    }
}

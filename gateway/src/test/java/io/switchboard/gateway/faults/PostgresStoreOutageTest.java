package io.switchboard.gateway.faults;

import io.switchboard.gateway.testing.Postgres;
import io.switchboard.gateway.testing.TcpProxy;
import io.switchboard.gateway.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL store goes away under load and comes back: intake refuses (503) while it is gone, never
 * acknowledges what it did not store, and serves again when it returns.
 */
class PostgresStoreOutageTest {

    private String schema;

    @BeforeEach
    void schema() {
        schema = Postgres.freshSchema();
    }

    @AfterEach
    void drop() {
        Postgres.dropSchema(schema);
    }

    @Test
    void storeOutageShouldRefuseIntakeAndRecover(@TempDir Path dir) throws Exception {
        try (TcpProxy proxy = TcpProxy.to(Postgres.HOST, Postgres.PORT)) {
            JsonObject store = Postgres.storeJson(schema);
            store.getJsonObject("postgres").put("port", proxy.port());
            JsonObject cfg = new JsonObject().put("store", store)
                    .put("channels", new JsonObject().put("web", new JsonObject().put("type", "web-form")
                            .put("perClientLimit", 0).put("channelLimitPerSecond", 0)));
            try (TestGateway gw = TestGateway.start(dir, cfg, Map.of())) {
                List<String> acked = new ArrayList<>();
                int refused = 0;
                for (int phase = 0; phase < 3; phase++) {
                    if (phase == 1) {
                        proxy.cut();
                    } else if (phase == 2) {
                        proxy.restore();
                        waitReady(gw);
                    }
                    for (int i = 0; i < 30; i++) {
                        HttpResponse<Buffer> r = gw.post("/webhooks/web", "application/json",
                                new JsonObject().put("message", "p" + phase + "-" + i).encode());
                        if (r.statusCode() == 202) {
                            acked.add(r.bodyAsJsonObject().getString("id"));
                        } else {
                            assertThat(r.statusCode()).isEqualTo(503);
                            assertThat(r.getHeader("Retry-After")).isNotNull();
                            refused++;
                        }
                    }
                    if (phase == 1) {
                        assertThat(gw.get("/health/ready").statusCode()).isEqualTo(503);
                    }
                }
                assertThat(refused).as("requests refused while the store was down").isGreaterThanOrEqualTo(30);
                assertThat(acked).as("acknowledged before and after the outage").hasSize(60);
                for (String id : acked) {
                    assertThat(gw.get("/api/contacts/" + id).statusCode()).isEqualTo(200);
                }
                assertThat(Postgres.psql("SELECT count(*) FROM " + schema + ".contacts")).isEqualTo("60");
            }
        }
    }

    private static void waitReady(TestGateway gw) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (gw.get("/health/ready").statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("gateway not ready again within 20 s");
    }
}

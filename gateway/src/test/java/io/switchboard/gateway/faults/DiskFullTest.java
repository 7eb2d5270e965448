package io.switchboard.gateway.faults;

import io.switchboard.gateway.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store on a really full file system (a small tmpfs mounted for the test; skipped where the
 * test may not mount): intake answers 503 and acknowledges nothing it could not store, readiness says so,
 * and both recover when space returns.
 */
class DiskFullTest {

    @TempDir
    Path dir;
    Path mount;

    @BeforeEach
    void mountTinyFileSystem() throws Exception {
        mount = dir.resolve("tiny");
        Files.createDirectories(mount);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean ok = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(ok, "cannot mount a tmpfs here (needs root): " + new String(p.getInputStream().readAllBytes()));
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void fullDiskShouldRefuseWithoutAcknowledgingAndRecover() throws Exception {
        JsonObject cfg = new JsonObject()
                .put("store", new JsonObject().put("path", mount.resolve("switchboard.db").toString()))
                .put("channels", new JsonObject().put("web", new JsonObject().put("type", "web-form")
                        .put("perClientLimit", 0).put("channelLimitPerSecond", 0)));
        try (TestGateway gw = TestGateway.start(dir, cfg, Map.of())) {
            List<String> acknowledged = new ArrayList<>();
            String big = "x".repeat(20_000);
            Path filler = mount.resolve("filler");
            try (OutputStream out = Files.newOutputStream(filler)) {
                byte[] block = new byte[64 * 1024];
                try {
                    while (true) {
                        out.write(block);
                    }
                } catch (java.io.IOException full) {
                    // the file system is full now
                }
            }
            int refused = 0;
            for (int i = 0; i < 20; i++) {
                HttpResponse<Buffer> r = gw.post("/webhooks/web", "application/json",
                        new JsonObject().put("message", "full-" + i + " " + big).encode());
                if (r.statusCode() == 202) {
                    acknowledged.add(r.bodyAsJsonObject().getString("id"));
                } else {
                    assertThat(r.statusCode()).isEqualTo(503);
                    assertThat(r.getHeader("Retry-After")).isNotNull();
                    refused++;
                }
            }
            assertThat(refused).as("a full disk refuses intake").isPositive();
            assertThat(gw.get("/health/ready").statusCode()).isEqualTo(503);

            Files.delete(filler);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int status = 0;
            while (System.nanoTime() < deadline && (status = gw.get("/health/ready").statusCode()) != 200) {
                Thread.sleep(100);
            }
            assertThat(status).as("readiness recovers when space returns").isEqualTo(200);
            HttpResponse<Buffer> after = gw.post("/webhooks/web", "application/json", "{\"message\":\"space again\"}");
            assertThat(after.statusCode()).isEqualTo(202);
            acknowledged.add(after.bodyAsJsonObject().getString("id"));
            for (String id : acknowledged) {
                assertThat(gw.get("/api/contacts/" + id).statusCode()).as("acknowledged " + id).isEqualTo(200);
            }
        }
    }
}

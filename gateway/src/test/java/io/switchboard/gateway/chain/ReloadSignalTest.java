package io.switchboard.gateway.chain;

import io.switchboard.gateway.testing.GatewayProcess;
import io.switchboard.gateway.testing.PluginJars;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kill -HUP} on a gateway process reloads its chains (here: picking up a plugin added to the file). */
class ReloadSignalTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static String config(int port, int admin, Path dir, String chains) {
        return """
                server:
                  port: %d
                admin:
                  port: %d
                store:
                  path: %s
                plugins:
                  directory: %s
                channels:
                  web:
                    type: web-form
                    perClientLimit: 0
                %s
                """.formatted(port, admin, dir.resolve("switchboard.db"), dir.resolve("plugins"), chains);
    }

    private static JsonObject get(int port, String path) throws Exception {
        return new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonObject processed(GatewayProcess gw, String text) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port()
                        + "/webhooks/web")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("message", text).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(202);
        String id = new JsonObject(r.body()).getString("id");
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            JsonObject c = get(gw.adminPort(), "/api/contacts/" + id);
            if ("processed".equals(c.getJsonObject("processing", new JsonObject()).getString("status"))) {
                return c;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("contact not processed");
    }

    @Test
    void sighupShouldReloadTheChainsOfARunningGateway(@TempDir Path dir) throws Exception {
        PluginJars.build(dir.resolve("plugins/tagger.jar"), PluginJars.tagger("hup", "jar-tagger"), List.of(),
                "hup.TagFactory");
        int port = GatewayProcess.freePort();
        int admin = GatewayProcess.freePort();
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, config(port, admin, dir, ""));
        try (GatewayProcess gw = GatewayProcess.start(file, port, admin, Map.of(), dir.resolve("gateway.log"))) {
            assertThat(processed(gw, "before").getJsonArray("tags")).isEmpty();
            Files.writeString(file, config(port, admin, dir, """
                    chains:
                      default:
                        steps:
                          - plugin: jar-tagger
                            config:
                              tag: after-hup
                    """));
            Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(gw.pid())).start();
            assertThat(kill.waitFor()).isZero();
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline && get(admin, "/api/chains").getLong("generation") < 2) {
                Thread.sleep(50);
            }
            assertThat(get(admin, "/api/chains").getLong("generation")).isEqualTo(2);
            assertThat(processed(gw, "after").getJsonArray("tags")).containsExactly("after-hup");
        }
    }
}

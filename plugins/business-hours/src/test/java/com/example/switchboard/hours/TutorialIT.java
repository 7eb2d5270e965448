package com.example.switchboard.hours;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the plugin tutorial ({@code docs/writing-a-plugin.md}) as written: the files it shows are the real ones;
 * the jar this build packaged is copied into a plugins directory; the gateway jar is started with the tutorial's
 * configuration file; the tutorial's contact is posted and read back with its tag; today is made a holiday and the
 * chains reloaded; the next contact carries the tag whatever the time. Runs after {@code package} (the jar must
 * exist); the gateway jar comes from the same build.
 */
class TutorialIT {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "../..")).toAbsolutePath().normalize();
    private static final Path DOC = ROOT.resolve("docs/writing-a-plugin.md");
    private static final Path CONFIG = ROOT.resolve("config/examples/business-hours.yaml");
    private static final Path GATEWAY_JAR = ROOT.resolve("gateway/target/switchboard-gateway.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    /** The code block under the first heading containing {@code heading}. */
    private static String block(String heading, String lang) throws IOException {
        String d = doc();
        int h = d.indexOf(heading);
        assertThat(h).as("tutorial section " + heading).isGreaterThanOrEqualTo(0);
        int start = d.indexOf("```" + lang + "\n", h) + lang.length() + 4;
        return d.substring(start, d.indexOf("```", start));
    }

    @Test
    void everyFileTheTutorialShowsShouldBeTheRealOne() throws IOException {
        Matcher m = Pattern.compile("<!-- from: (\\S+) -->\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL).matcher(doc());
        int blocks = 0;
        while (m.find()) {
            blocks++;
            String file = Files.readString(ROOT.resolve(m.group(1)), StandardCharsets.UTF_8);
            assertThat(file).as("docs/writing-a-plugin.md shows %s as it is", m.group(1)).contains(m.group(2));
        }
        assertThat(blocks).isGreaterThanOrEqualTo(6);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String replaceOnce(String text, String from, String to) {
        assertThat(text).as("the tutorial configuration has `%s`", from).contains(from);
        return text.replace(from, to);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tutorialCommandsShouldLoadTheJarAndTagTheContact() throws Exception {
        Path pluginJar = Path.of(System.getProperty("plugin.jar"));
        assertThat(pluginJar).as("packaged by this build").exists();
        assertThat(GATEWAY_JAR).as("the gateway jar: build it with mvn -q -B -DskipTests package -pl gateway -am")
                .exists();
        assertThat(block("## 8.", "sh")).contains("cp plugins/business-hours/target/" + pluginJar.getFileName()
                + " plugins/");
        assertThat(block("## 10.", "sh").trim()).isEqualTo(
                "java -jar gateway/target/switchboard-gateway.jar --config config/examples/business-hours.yaml");

        // Step 8: the jar into a plugins directory.
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(pluginJar, plugins.resolve(pluginJar.getFileName()));
        // Step 9: the tutorial's configuration, on free ports and temporary paths.
        int port = freePort();
        int admin = freePort();
        String yaml = Files.readString(CONFIG, StandardCharsets.UTF_8);
        yaml = replaceOnce(yaml, "port: 8080", "port: " + port);
        yaml = replaceOnce(yaml, "port: 8081", "port: " + admin);
        yaml = replaceOnce(yaml, "path: data/tutorial.db", "path: " + dir.resolve("tutorial.db"));
        yaml = replaceOnce(yaml, "directory: plugins", "directory: " + plugins);
        Path config = dir.resolve("business-hours.yaml");
        Files.writeString(config, yaml);

        // Step 10: run the gateway jar.
        Path log = dir.resolve("gateway.log");
        Process gw = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", GATEWAY_JAR.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLive(gw, port, log);
            assertThat(Files.readString(log)).contains("plugin loaded").contains(pluginJar.getFileName().toString());

            // Step 11: the tutorial's contact, read back.
            String step11 = block("## 11.", "sh");
            Matcher post = Pattern.compile("curl -s -X POST http://localhost:8080(\\S+) -H 'Content-Type: application/json' "
                    + "\\\\\\n\\s+-d '([^']+)'").matcher(step11);
            assertThat(post.find()).as("the tutorial's curl command").isTrue();
            JsonObject first = processed(port, admin, post.group(1), post.group(2));
            JsonObject decision = first.getJsonObject("attributes").getJsonObject("business-hours");
            boolean open = openInLondon(Instant.parse(first.getString("receivedAt")));
            assertThat(decision.getBoolean("open")).isEqualTo(open);
            if (open) {
                assertThat(first.getJsonArray("tags")).doesNotContain("after-hours");
            } else {
                assertThat(first.getJsonArray("tags")).contains("after-hours");
                assertThat(decision.getString("nextOpening")).isNotBlank();
            }

            // Make today a holiday and reload, as the tutorial does with sed and curl.
            String reload = block("To see the tag whatever the time", "sh");
            assertThat(reload).contains("sed -i \"s/holidays: \\[/holidays: [\\\"$(date +%F)\\\", /\"")
                    .contains("curl -s -X POST http://localhost:8081/api/chains/reload");
            String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
            Files.writeString(config, replaceOnce(Files.readString(config), "holidays: [", "holidays: [\"" + today + "\", "));
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin
                    + "/api/chains/reload")).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonObject second = processed(port, admin, post.group(1), post.group(2));
            assertThat(second.getJsonArray("tags")).containsExactly("after-hours");
            assertThat(second.getJsonObject("attributes").getJsonObject("business-hours").getString("state"))
                    .isEqualTo("holiday");

            JsonObject chains = new JsonObject(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin
                    + "/api/chains"))).body());
            JsonObject plugin = chains.getJsonArray("plugins").stream().map(JsonObject.class::cast)
                    .filter(p -> p.getString("name").equals("business-hours")).findFirst().orElseThrow();
            assertThat(plugin.getString("source")).isEqualTo(plugins.resolve(pluginJar.getFileName()).toString());
            JsonArray steps = chains.getJsonArray("chains").getJsonObject(0).getJsonArray("steps");
            assertThat(steps.getJsonObject(0).getJsonObject("counters").getLong("proceeded")).isGreaterThanOrEqualTo(2);
        } finally {
            gw.destroy();
            if (!gw.waitFor(30, TimeUnit.SECONDS)) {
                gw.destroyForcibly();
            }
        }
    }

    private static boolean openInLondon(Instant at) {
        ZonedDateTime t = at.atZone(ZoneId.of("Europe/London"));
        boolean weekday = t.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue();
        boolean holiday = (t.getMonthValue() == 12 && t.getDayOfMonth() == 25 && t.getYear() == 2026)
                || (t.getMonthValue() == 1 && t.getDayOfMonth() == 1);
        LocalTime lt = t.toLocalTime();
        return weekday && !holiday && !lt.isBefore(LocalTime.of(9, 0)) && lt.isBefore(LocalTime.of(17, 30));
    }

    private static void awaitLive(Process gw, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!gw.isAlive()) {
                throw new AssertionError("gateway exited with " + gw.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))).statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("gateway did not come up: " + Files.readString(log));
    }

    private static JsonObject processed(int port, int admin, String path, String body) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = new JsonObject(r.body()).getString("id");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonObject c = new JsonObject(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin
                    + "/api/contacts/" + id))).body());
            if (List.of("processed", "rejected").contains(c.getJsonObject("processing", new JsonObject()).getString("status"))) {
                return c;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("contact " + id + " was not processed");
    }
}

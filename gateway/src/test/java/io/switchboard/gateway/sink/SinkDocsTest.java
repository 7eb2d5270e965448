package io.switchboard.gateway.sink;

import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.delivery.SinkRegistry;
import io.switchboard.gateway.sink.example.DirectorySinkFactory;
import io.switchboard.gateway.sink.http.HttpSinkFactory;
import io.switchboard.gateway.sink.kafka.KafkaSinkFactory;
import io.switchboard.gateway.sink.postgres.PostgresSinkFactory;
import io.switchboard.gateway.testing.TestGateway;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.sink.ContactSinkFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sink documentation, README snippets and example configurations cannot drift from the code. */
class SinkDocsTest {

    private static final Path ROOT = Path.of("..");
    private static final List<ContactSinkFactory> BUILT_IN = List.of(new PostgresSinkFactory(), new KafkaSinkFactory(),
            new HttpSinkFactory());

    @TempDir
    Path dir;

    @Test
    void theBuiltInSinkTypesShouldBeFoundWithServiceLoader() {
        assertThat(SinkRegistry.discover(getClass().getClassLoader()).types()).contains("http", "kafka", "postgres");
    }

    @Test
    void sinksDocShouldListEveryKeyAsDeclared() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/sinks.md"));
        for (ContactSinkFactory f : BUILT_IN) {
            assertThat(doc).as("docs/sinks.md, keys of " + f.type()).contains(f.configSpec().toMarkdown());
        }
    }

    @Test
    void everySinkKeyShouldBeDocumented() {
        for (ContactSinkFactory f : BUILT_IN) {
            documented(f.type(), f.configSpec());
        }
    }

    private static void documented(String at, ConfigSpec spec) {
        for (ConfigKey k : spec.keys()) {
            assertThat(k.documentation()).as(at + "." + k.name()).isNotBlank();
            if (k.nestedSpec() != null) {
                documented(at + "." + k.name(), k.nestedSpec());
            }
        }
    }

    @Test
    void writingASinkShouldShowTheTestedExampleVerbatim() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/writing-a-sink.md"));
        String src = Files.readString(Path.of("src/test/java/io/switchboard/gateway/sink/example/DirectorySinkFactory.java"));
        assertThat(doc).contains("```java\n" + src + "```");
    }

    @Test
    void theConfigurationErrorQuotedInWritingASinkShouldBeTheRealOne() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/writing-a-sink.md"));
        JsonObject cfg = new JsonObject().put("sinks", new JsonObject().put("drop", new JsonObject()
                .put("type", "directory").put("directory", "x").put("maxBytes", 0)));
        assertThatThrownBy(() -> ConfigLoader.parse(cfg, dir.resolve("gateway.yaml"), Map.of(),
                ChannelRegistry.discover(getClass().getClassLoader()), SinkRegistry.of(List.of(new DirectorySinkFactory()))))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(doc).contains("`" + ((ConfigException) e).problems().get(0) + "`"));
    }

    @Test
    void theExampleSinkShouldDeliverThroughAGateway() throws Exception {
        JsonObject cfg = new JsonObject()
                .put("delivery", new JsonObject().put("pollInterval", "20ms").put("defaultSinks", new JsonArray().add("drop")))
                .put("sinks", new JsonObject().put("drop", new JsonObject().put("type", "directory")
                        .put("directory", "outbox/contacts").put("maxBytes", 262144)))
                .put("channels", new JsonObject().put("web", new JsonObject().put("type", "web-form")));
        try (TestGateway gw = TestGateway.start(dir, cfg, Map.of(), SinkRegistry.of(List.of(new DirectorySinkFactory())))) {
            String id = gw.post("/webhooks/web", "application/json", "{\"message\":\"to the drop folder\"}")
                    .bodyAsJsonObject().getString("id");
            Path file = dir.resolve("outbox/contacts/" + id + ".json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(file) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(new JsonObject(Files.readString(file)).getString("id")).isEqualTo(id);
        }
    }

    @Test
    void exampleConfigurationsShouldLoad() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ChannelRegistry channels = ChannelRegistry.discover(getClass().getClassLoader());
            GatewayConfig pk = ConfigLoader.load(vertx, ROOT.resolve("config/examples/postgres-kafka.yaml"), Map.of(),
                    channels);
            assertThat(pk.sinks().keySet()).containsExactly("warehouse", "events");
            assertThat(pk.sinksOf("contact-us")).containsExactly("warehouse", "events");
            GatewayConfig crm = ConfigLoader.load(vertx, ROOT.resolve("config/examples/crm.yaml"), Map.of(
                    "ZENDESK_USER", "agent@acme.example/token", "ZENDESK_API_TOKEN", "t1", "SALESFORCE_TOKEN", "t2",
                    "HUBSPOT_TOKEN", "t3", "X_CONSUMER_SECRET", "s"), channels);
            assertThat(crm.sinks().keySet()).containsExactly("helpdesk", "cases", "tickets");
            assertThatThrownBy(() -> ConfigLoader.load(vertx, ROOT.resolve("config/examples/crm.yaml"), Map.of(), channels))
                    .hasMessageContaining("sinks.helpdesk.auth.username: environment variable ZENDESK_USER is not set");
            GatewayConfig def = ConfigLoader.load(vertx, ROOT.resolve("config/gateway.yaml"), Map.of(), channels);
            assertThat(def.sinks()).as("the default configuration needs no external service").isEmpty();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theReadmeSnippetsShouldBeValidConfiguration() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Forward to PostgreSQL and Kafka"),
                readme.indexOf("## Architecture"));
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> snippets = new ArrayList<>();
        while (m.find()) {
            snippets.add(m.group(1));
        }
        assertThat(snippets).hasSize(2);
        String base = Files.readString(ROOT.resolve("config/gateway.yaml"));
        Vertx vertx = Vertx.vertx();
        try {
            for (String snippet : snippets) {
                Path file = dir.resolve("readme-" + snippets.indexOf(snippet) + ".yaml");
                Files.writeString(file, base + "\n" + snippet);
                GatewayConfig c = ConfigLoader.load(vertx, file, Map.of(), ChannelRegistry.discover(getClass().getClassLoader()));
                assertThat(c.sinks()).hasSize(1);
                assertThat(c.sinksOf("contact-us")).hasSize(1);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        try (Stream<String> lines = section.lines()) {
            assertThat(lines.anyMatch(l -> l.startsWith("psql "))).isTrue();
        }
        assertThat(section).contains("kafka-console-consumer.sh").contains("docs/sinks.md");
    }
}

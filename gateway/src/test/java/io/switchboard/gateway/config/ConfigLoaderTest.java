package io.switchboard.gateway.config;

import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigProblem;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest {

    private static final Path FILE = Path.of("config/test.yaml");
    private static final ChannelRegistry REGISTRY = ChannelRegistry.discover(ConfigLoaderTest.class.getClassLoader());
    private static Vertx vertx;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() {
        vertx.close();
    }

    private static JsonObject form() {
        return new JsonObject().put("type", "web-form");
    }

    private static JsonObject withChannel(String id, JsonObject channel) {
        return new JsonObject().put("channels", new JsonObject().put(id, channel));
    }

    private static GatewayConfig parse(JsonObject raw) {
        return ConfigLoader.parse(raw, FILE, Map.of(), REGISTRY);
    }

    private static List<String> problems(JsonObject raw) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(raw));
        assertThat(e).as("expected a configuration error").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void emptyConfigShouldStartWithDefaults() {
        GatewayConfig c = parse(new JsonObject());
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().host()).isEqualTo("0.0.0.0");
        assertThat(c.server().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.store().type()).isEqualTo("embedded");
        assertThat(c.channels()).isEmpty();
        assertThat(c.adminToken()).isNull();
    }

    @Test
    void webFormChannelShouldBeLiveWithItsConfig() {
        GatewayConfig c = parse(withChannel("contact-us", form().put("defaultRegion", "GB").put("tenant", "acme")));
        ChannelConfig ch = c.channels().get("contact-us");
        assertThat(ch.live()).isTrue();
        assertThat(ch.tenant()).isEqualTo("acme");
        assertThat(ch.adapterConfig().getString("defaultRegion")).isEqualTo("GB");
        assertThat(ch.maxBodyBytes()).isEqualTo(1_048_576);
    }

    @Test
    void channelBodyLimitShouldOverrideTheServerDefault() {
        GatewayConfig c = parse(withChannel("f", form().put("maxBodyBytes", 4096)));
        assertThat(c.channels().get("f").maxBodyBytes()).isEqualTo(4096);
    }

    @Test
    void adminTokenShouldComeFromTheEnvironment() {
        GatewayConfig c = ConfigLoader.parse(new JsonObject(), FILE, Map.of("SWITCHBOARD_ADMIN_TOKEN", "t0k"), REGISTRY);
        assertThat(c.adminToken()).isEqualTo("t0k");
    }

    @Test
    void unknownTopLevelKeyShouldFail() {
        assertThat(problems(new JsonObject().put("chanels", new JsonObject())))
                .singleElement().asString().startsWith("chanels: is not a known key; known keys are server, admin, store, delivery, sinks, channels");
    }

    @Test
    void portOutOfRangeShouldFail() {
        assertThat(problems(new JsonObject().put("server", new JsonObject().put("port", 70000))))
                .containsExactly("server.port: must be between 0 and 65535 (was: 70000)");
    }

    @Test
    void nonNumericPortShouldFail() {
        assertThat(problems(new JsonObject().put("server", new JsonObject().put("port", "http"))))
                .containsExactly("server.port: must be a whole number (was: http)");
    }

    @Test
    void relativePublicBaseUrlShouldFail() {
        assertThat(problems(new JsonObject().put("server", new JsonObject().put("publicBaseUrl", "hooks.example.com"))))
                .containsExactly("server.publicBaseUrl: must be an absolute http(s) URL without query (was: hooks.example.com)");
    }

    @Test
    void zeroBodyLimitShouldFail() {
        assertThat(problems(new JsonObject().put("server", new JsonObject().put("maxBodyBytes", 0))))
                .containsExactly("server.maxBodyBytes: must be between 1 and 67108864 (was: 0)");
    }

    @Test
    void badIdleTimeoutShouldFail() {
        assertThat(problems(new JsonObject().put("server", new JsonObject().put("idleTimeout", "forever"))))
                .containsExactly("server.idleTimeout: must be a duration such as 250ms, 5s, 10m, 72h or 7d (was: forever)");
    }

    @Test
    void adminApiShouldDefaultToLoopbackOnItsOwnPort() {
        GatewayConfig c = parse(new JsonObject());
        assertThat(c.admin().host()).isEqualTo("127.0.0.1");
        assertThat(c.admin().port()).isEqualTo(8081);
    }

    @Test
    void exposedAdminApiWithoutTokenShouldFail() {
        assertThat(problems(new JsonObject().put("admin", new JsonObject().put("host", "0.0.0.0"))))
                .containsExactly("admin.host: binding the admin API to a non-loopback interface requires "
                        + "SWITCHBOARD_ADMIN_TOKEN to be set (was: 0.0.0.0)");
    }

    @Test
    void exposedAdminApiWithTokenShouldBeAllowed() {
        GatewayConfig c = ConfigLoader.parse(new JsonObject().put("admin", new JsonObject().put("host", "0.0.0.0")),
                FILE, Map.of("SWITCHBOARD_ADMIN_TOKEN", "t"), REGISTRY);
        assertThat(c.admin().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void adminPortEqualToServerPortShouldFail() {
        assertThat(problems(new JsonObject().put("admin", new JsonObject().put("port", 8080))))
                .containsExactly("admin.port: must differ from server.port (was: 8080)");
    }

    @Test
    void unknownStoreTypeShouldFail() {
        assertThat(problems(new JsonObject().put("store", new JsonObject().put("type", "mongodb"))))
                .containsExactly("store.type: must be one of embedded, postgres (was: mongodb)");
    }

    @Test
    void storeQueueOfZeroShouldFail() {
        assertThat(problems(new JsonObject().put("store", new JsonObject().put("maxQueue", 0))))
                .containsExactly("store.maxQueue: must be between 1 and 1000000 (was: 0)");
    }

    @Test
    void channelsAsAListShouldFail() {
        assertThat(problems(new JsonObject().put("channels", new JsonArray().add("x"))))
                .containsExactly("channels: must be a mapping (was: a sequence)");
    }

    @Test
    void invalidChannelIdShouldFail() {
        assertThat(problems(withChannel("Contact Us", form())))
                .containsExactly("channels.Contact Us: channel id must be 1-64 lower-case letters, digits, '-' or '_' (was: Contact Us)");
    }

    @Test
    void channelThatIsNotAMappingShouldFail() {
        assertThat(problems(new JsonObject().put("channels", new JsonObject().put("sms", "twilio"))))
                .containsExactly("channels.sms: must be a mapping with at least `type`");
    }

    @Test
    void channelWithoutTypeShouldFail() {
        assertThat(problems(withChannel("f", new JsonObject()))).containsExactly("channels.f.type: is required");
    }

    @Test
    void unknownChannelTypeShouldListKnownTypes() {
        assertThat(problems(withChannel("f", new JsonObject().put("type", "carrier-pigeon"))))
                .singleElement().asString()
                .startsWith("channels.f.type: unknown channel type; known types are ")
                .contains("web-form").endsWith("(was: carrier-pigeon)");
    }

    @Test
    void invalidTenantShouldFail() {
        assertThat(problems(withChannel("f", form().put("tenant", "a b"))))
                .containsExactly("channels.f.tenant: must be 1-64 letters, digits, '_', '.', '-' (was: a b)");
    }

    @Test
    void invalidChannelPublicUrlShouldFail() {
        assertThat(problems(withChannel("f", form().put("publicUrl", "/webhooks/f"))))
                .containsExactly("channels.f.publicUrl: must be an absolute http(s) URL (was: /webhooks/f)");
    }

    @Test
    void adapterKeyErrorShouldCarryTheChannelPath() {
        assertThat(problems(withChannel("f", form().put("defaultRegion", "UK"))))
                .containsExactly("channels.f.defaultRegion: must be an ISO 3166 two-letter region such as GB or US (was: UK)");
    }

    @Test
    void unknownAdapterKeyShouldFail() {
        assertThat(problems(withChannel("f", form().put("honeypot", "x")))).singleElement().asString()
                .startsWith("channels.f.honeypot: is not a known key; known keys are fields, defaultRegion, honeypotField");
    }

    @Test
    void nestedAdapterKeyErrorShouldCarryTheFullPath() {
        assertThat(problems(withChannel("f", form().put("fields", new JsonObject().put("email", 3).put("mail", "x")))))
                .anyMatch(p -> p.startsWith("channels.f.fields.mail: is not a known key"));
    }

    @Test
    void invalidOriginShouldNameTheListItem() {
        assertThat(problems(withChannel("f", form().put("allowedOrigins", new JsonArray().add("https://ok.example")
                .add("https://bad.example/path")))))
                .containsExactly("channels.f.allowedOrigins[1]: must be an origin such as https://www.example.com (no path), or * (was: https://bad.example/path)");
    }

    private static List<String> sinkProblems(JsonObject raw, Map<String, String> env) {
        io.switchboard.gateway.delivery.SinkRegistry sinks = io.switchboard.gateway.delivery.SinkRegistry.of(
                List.of(new io.switchboard.gateway.testing.TestSinks()));
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse(raw, FILE, env, REGISTRY, sinks));
        assertThat(e).as("expected a configuration error").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void channelListingAnUnknownSinkShouldFail() {
        JsonObject raw = withChannel("f", form().put("sinks", new JsonArray().add("crm")))
                .put("sinks", new JsonObject().put("events", new JsonObject().put("type", "test")));
        assertThat(sinkProblems(raw, Map.of()))
                .containsExactly("channels.f.sinks[0]: unknown sink; configured sinks are events (was: crm)");
    }

    @Test
    void unknownDefaultSinkShouldFail() {
        JsonObject raw = new JsonObject().put("delivery", new JsonObject().put("defaultSinks", new JsonArray().add("crm")));
        assertThat(sinkProblems(raw, Map.of()))
                .containsExactly("delivery.defaultSinks[0]: unknown sink; configured sinks are (none) (was: crm)");
    }

    @Test
    void unknownSinkTypeShouldListKnownTypes() {
        JsonObject raw = new JsonObject().put("sinks", new JsonObject().put("crm", new JsonObject().put("type", "fax")));
        assertThat(sinkProblems(raw, Map.of()))
                .containsExactly("sinks.crm.type: unknown sink type; known types are test (was: fax)");
    }

    @Test
    void sinkWithoutTypeShouldFail() {
        JsonObject raw = new JsonObject().put("sinks", new JsonObject().put("crm", new JsonObject()));
        assertThat(sinkProblems(raw, Map.of())).containsExactly("sinks.crm.type: is required");
    }

    @Test
    void sinkMissingItsSecretShouldBeFatal() {
        JsonObject raw = new JsonObject().put("sinks", new JsonObject().put("crm", new JsonObject().put("type", "test")
                .put("token", "${env:CRM_TOKEN}")));
        assertThat(sinkProblems(raw, Map.of()))
                .containsExactly("sinks.crm.token: environment variable CRM_TOKEN is not set");
    }

    @Test
    void badDeliverySettingShouldFail() {
        assertThat(problems(new JsonObject().put("delivery", new JsonObject().put("maxAttempts", 0))))
                .containsExactly("delivery.maxAttempts: must be between 1 and 1000 (was: 0)");
    }

    @Test
    void everyProblemShouldBeReportedAtOnceNamingTheFile() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(new JsonObject()
                .put("server", new JsonObject().put("port", -1))
                .put("channels", new JsonObject().put("a", new JsonObject()).put("b", form().put("defaultRegion", "XX")))));
        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).contains("config/test.yaml: server.port: must be between 0 and 65535 (was: -1)")
                .contains("config/test.yaml: channels.a.type: is required")
                .contains("config/test.yaml: channels.b.defaultRegion:");
    }

    @Test
    void missingFileShouldFailNamingIt(@TempDir Path dir) {
        Path f = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(vertx, f, Map.of(), REGISTRY)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f + ": (file): configuration file not found");
    }

    @Test
    void yamlSyntaxErrorShouldFailNamingTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "server:\n  port: [8080\nchannels: {\n");
        assertThatThrownBy(() -> ConfigLoader.load(vertx, f, Map.of(), REGISTRY)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f + ": (file): cannot be read as YAML");
    }

    @Test
    void yamlFileShouldLoadAndValidate(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gateway.yaml");
        Files.writeString(f, """
                server:
                  port: 9090
                channels:
                  contact-us:
                    type: web-form
                    defaultRegion: GB
                    allowedOrigins: [https://www.example.com]
                """);
        GatewayConfig c = ConfigLoader.load(vertx, f, Map.of(), REGISTRY);
        assertThat(c.server().port()).isEqualTo(9090);
        assertThat(c.channels().get("contact-us").adapterConfig().getList("allowedOrigins"))
                .containsExactly("https://www.example.com");
        assertThat(c.directory()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void bundledDefaultConfigShouldBeValid() {
        Path f = Path.of("../config/gateway.yaml");
        GatewayConfig c = ConfigLoader.load(vertx, f, Map.of(), REGISTRY);
        assertThat(c.channels()).isNotEmpty();
        assertThat(c.channels().values()).anyMatch(ChannelConfig::live);
    }
}

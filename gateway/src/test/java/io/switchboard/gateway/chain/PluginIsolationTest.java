package io.switchboard.gateway.chain;

import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.internal.GatewayServices;
import io.switchboard.gateway.testing.PluginJars;
import io.switchboard.spi.config.ConfigException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.switchboard.gateway.chain.ChainRig.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Third-party plugins loaded from jars in the plugins directory, each in its own class loader: a plugin bundling
 * another version of a library the gateway uses runs with its own copy; SPI version and name conflicts fail
 * start-up naming the jars.
 */
class PluginIsolationTest {

    /** The older libphonenumber the plugin bundles (copied by the build into target/plugin-test-libs). */
    private static final Path OLD_LIBPHONENUMBER = Path.of("target/plugin-test-libs/libphonenumber-8.13.52.jar");

    @TempDir
    Path dir;

    private static final String PHONE_PLUGIN = """
            package iso;

            import com.google.i18n.phonenumbers.PhoneNumberUtil;
            import io.switchboard.spi.SpiVersion;
            import io.switchboard.spi.config.ConfigSpec;
            import io.switchboard.spi.plugin.ContactPlugin;
            import io.switchboard.spi.plugin.ContactPluginFactory;
            import io.switchboard.spi.plugin.PluginInitContext;
            import io.switchboard.spi.plugin.PluginResult;
            import io.vertx.core.Future;
            import io.vertx.core.json.JsonObject;

            public class PhoneFactory implements ContactPluginFactory {
                public String name() { return "old-phones"; }
                public String spiVersion() { return SpiVersion.CURRENT; }
                public ConfigSpec configSpec() { return ConfigSpec.empty(); }

                static String libraryVersion() {
                    try (var in = PhoneNumberUtil.class.getResourceAsStream(
                            "/META-INF/maven/com.googlecode.libphonenumber/libphonenumber/pom.properties")) {
                        var p = new java.util.Properties();
                        p.load(in);
                        return p.getProperty("version");
                    } catch (Exception e) {
                        return "unknown: " + e;
                    }
                }

                static boolean sees(String className) {
                    try {
                        Class.forName(className, false, PhoneFactory.class.getClassLoader());
                        return true;
                    } catch (ClassNotFoundException e) {
                        return false;
                    }
                }

                public ContactPlugin create(PluginInitContext ctx) {
                    String version = libraryVersion();
                    return (contact, call) -> {
                        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
                        String e164;
                        try {
                            e164 = util.format(util.parse("020 7183 8750", "GB"), PhoneNumberUtil.PhoneNumberFormat.E164);
                        } catch (Exception e) {
                            return Future.failedFuture(e);
                        }
                        JsonObject info = new JsonObject().put("libphonenumber", version).put("e164", e164)
                                .put("loader", PhoneFactory.class.getClassLoader().getName())
                                .put("seesGateway", sees("io.switchboard.gateway.Gateway"))
                                .put("seesResilience4j", sees("io.github.resilience4j.circuitbreaker.CircuitBreaker"))
                                .put("sharesVertx", sees("io.vertx.core.Vertx")
                                        && io.vertx.core.Vertx.class.getClassLoader() != PhoneFactory.class.getClassLoader());
                        return Future.succeededFuture(PluginResult.proceed(contact.withAttribute("isolation", "info", info)));
                    };
                }
            }
            """;

    private static String gatewaysLibphonenumberVersion() throws Exception {
        try (InputStream in = com.google.i18n.phonenumbers.PhoneNumberUtil.class.getResourceAsStream(
                "/META-INF/maven/com.googlecode.libphonenumber/libphonenumber/pom.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }

    private Path pluginsDir() throws Exception {
        return Files.createDirectories(dir.resolve("plugins"));
    }

    private static JsonObject configWith(Path plugins, JsonObject chains) {
        return ChainRig.config(chains).put("plugins", new JsonObject().put("directory", plugins.toString()));
    }

    @Test
    void pluginBundlingAnotherVersionOfALibraryTheGatewayUsesShouldRunWithItsOwnCopy() throws Exception {
        assertThat(OLD_LIBPHONENUMBER).as("copied by the build (maven-dependency-plugin)").exists();
        Path plugin = Files.createDirectories(pluginsDir().resolve("old-phones"));
        PluginJars.build(plugin.resolve("old-phones.jar"), Map.of("iso.PhoneFactory", PHONE_PLUGIN),
                List.of(OLD_LIBPHONENUMBER), "iso.PhoneFactory");
        Files.copy(OLD_LIBPHONENUMBER, plugin.resolve(OLD_LIBPHONENUMBER.getFileName()));
        JsonObject chains = new JsonObject().put("default", chain(new JsonObject().put("plugin", "old-phones")));
        try (ChainRig rig = ChainRig.start(dir, configWith(pluginsDir(), chains), GatewayServices.none())) {
            JsonObject c = rig.await(rig.post("isolate me"), "processed");
            JsonObject info = c.getJsonObject("attributes").getJsonObject("isolation").getJsonObject("info");
            assertThat(gatewaysLibphonenumberVersion()).isEqualTo("9.0.19");
            assertThat(info.getString("libphonenumber")).as("the plugin's own copy").isEqualTo("8.13.52");
            assertThat(info.getString("e164")).isEqualTo("+442071838750");
            assertThat(info.getBoolean("seesGateway")).as("gateway internals are hidden").isFalse();
            assertThat(info.getBoolean("seesResilience4j")).as("gateway libraries are hidden").isFalse();
            assertThat(info.getBoolean("sharesVertx")).as("Vert.x comes from the gateway").isTrue();
            assertThat(info.getString("loader")).isEqualTo("plugin:" + plugin.toAbsolutePath().normalize());
            JsonObject listed = rig.chains().getJsonArray("plugins").stream().map(JsonObject.class::cast)
                    .filter(p -> p.getString("name").equals("old-phones")).findFirst().orElseThrow();
            assertThat(listed.getString("source")).isEqualTo(plugin.toAbsolutePath().normalize().toString());
        }
    }

    @Test
    void singleJarPluginShouldLoadFromThePluginsDirectory() throws Exception {
        PluginJars.build(pluginsDir().resolve("tagger.jar"), PluginJars.tagger("t1", "jar-tagger"), List.of(),
                "t1.TagFactory");
        JsonObject chains = new JsonObject().put("default", chain(new JsonObject().put("plugin", "jar-tagger")
                .put("config", new JsonObject().put("tag", "from-jar"))));
        try (ChainRig rig = ChainRig.start(dir, configWith(pluginsDir(), chains), GatewayServices.none())) {
            assertThat(rig.await(rig.post("tag me"), "processed").getJsonArray("tags")).containsExactly("from-jar");
        }
    }

    private void parse(Path plugins, JsonObject chains) {
        ConfigLoader.parse(configWith(plugins, chains), dir.resolve("gateway.yaml"), Map.of(),
                ChannelRegistry.discover(getClass().getClassLoader()), ChainRig.SINKS,
                PluginRegistry.standard(getClass().getClassLoader())).chains().registry().close();
    }

    @Test
    void pluginBuiltForAnIncompatibleSpiShouldFailStartUpNamingBothVersionsAndTheJar() throws Exception {
        Path jar = PluginJars.build(pluginsDir().resolve("old-spi.jar"), Map.of("old.OldFactory", """
                package old;
                public class OldFactory extends t0.TagFactory {
                    public String name() { return "old-spi"; }
                    public String spiVersion() { return "0.9"; }
                }
                """, "t0.TagFactory", PluginJars.tagger("t0", "x").get("t0.TagFactory")), List.of(), "old.OldFactory");
        assertThatThrownBy(() -> parse(pluginsDir(), new JsonObject()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("plugin 'old-spi' (old.OldFactory) was built for SPI 0.9, but this gateway runs SPI 1.0")
                .hasMessageContaining(jar.toAbsolutePath().normalize().toString());
    }

    @Test
    void twoPluginsWithOneNameShouldFailStartUpNamingBothJarsAndTheSourcesSearched() throws Exception {
        Path a = PluginJars.build(pluginsDir().resolve("a.jar"), PluginJars.tagger("ta", "same-name"), List.of(),
                "ta.TagFactory");
        Path b = PluginJars.build(pluginsDir().resolve("b.jar"), PluginJars.tagger("tb", "same-name"), List.of(),
                "tb.TagFactory");
        assertThatThrownBy(() -> parse(pluginsDir(), new JsonObject()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("two plugins are named 'same-name': ta.TagFactory (" + a.toAbsolutePath().normalize()
                        + ") and tb.TagFactory (" + b.toAbsolutePath().normalize() + ")")
                .hasMessageContaining("plugin sources searched: class path, " + a.toAbsolutePath().normalize() + ", "
                        + b.toAbsolutePath().normalize());
    }

    @Test
    void chainNamingAPluginThatIsNotThereShouldFailStartUpNamingTheJarsSearched() throws Exception {
        Path jar = PluginJars.build(pluginsDir().resolve("tagger.jar"), PluginJars.tagger("t2", "jar-tagger"),
                List.of(), "t2.TagFactory");
        assertThatThrownBy(() -> parse(pluginsDir(), new JsonObject().put("default",
                chain(new JsonObject().put("plugin", "jar-taggr")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("chains.default.steps[0].plugin: unknown plugin; loaded plugins are continuity, identity, jar-tagger, priority, redaction")
                .hasMessageContaining("searched: class path, " + jar.toAbsolutePath().normalize());
    }
}

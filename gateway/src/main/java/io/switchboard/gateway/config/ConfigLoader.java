package io.switchboard.gateway.config;

import io.switchboard.gateway.chain.ChainsConfig;
import io.switchboard.gateway.chain.PluginRegistry;
import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.delivery.SinkRegistry;
import io.switchboard.spi.sink.ContactSinkFactory;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.SecretResolver;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Reads {@code gateway.yaml} with vertx-config and validates it into a {@link GatewayConfig} before anything
 * deploys. Every problem is collected and reported at once, each naming the file, the key path and the
 * bad value.
 */
public final class ConfigLoader {

    /** The top-level keys; sections validate themselves with their own specs. */
    public static final ConfigSpec TOP = ConfigSpec.of(
            ConfigKey.object("server", ServerConfig.SPEC).doc("The public HTTP listener."),
            ConfigKey.object("admin", AdminConfig.SPEC).doc("The admin listener: read API, dead letters, operations."),
            ConfigKey.object("store", StoreConfig.SPEC).doc("The gateway's own store."),
            ConfigKey.object("delivery", DeliveryConfig.SPEC).doc("How processed contacts are forwarded to sinks."),
            ConfigKey.map("sinks").doc("Systems of record: `sinks.<name>: {type: postgres|kafka|http, …}`. Channels "
                    + "forward to the sinks they list (`channels.<id>.sinks`) or to `delivery.defaultSinks`."),
            ConfigKey.map("channels").doc("Channel instances: `channels.<id>: {type: …, …}`, served at "
                    + "`/webhooks/<id>`. Ids are 1-64 lower-case letters, digits, '-' or '_'."),
            ConfigKey.object("plugins", PluginsConfig.SPEC).doc("Where third-party plugins are loaded from, and the "
                    + "worker pool blocking plugins run on."),
            ConfigKey.map("chains").doc("Plugin chains: `chains.default` for every channel without its own, "
                    + "`chains.<channel id>` for one channel; each `{steps: [...]}` (see below). Reloaded without a "
                    + "restart by `POST /api/chains/reload` or SIGHUP."));

    private static final Pattern CHANNEL_ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

    private ConfigLoader() {
    }

    /**
     * Reads and validates a configuration file. Blocks: call it before deploying, off the event loop.
     *
     * @param vertx    a Vert.x instance for vertx-config
     * @param file     the YAML file
     * @param env      the environment (secrets, {@code SWITCHBOARD_ADMIN_TOKEN})
     * @param registry the channel types available
     * @return the configuration
     * @throws ConfigException with every problem found
     */
    public static GatewayConfig load(Vertx vertx, Path file, Map<String, String> env, ChannelRegistry registry) {
        return load(vertx, file, env, registry, SinkRegistry.discover(ConfigLoader.class.getClassLoader()));
    }

    /**
     * Reads and validates a configuration file. Blocks: call it before deploying, off the event loop.
     *
     * @param vertx    a Vert.x instance for vertx-config
     * @param file     the YAML file
     * @param env      the environment (secrets, {@code SWITCHBOARD_ADMIN_TOKEN})
     * @param registry the channel types available
     * @param sinks    the sink types available
     * @return the configuration
     * @throws ConfigException with every problem found
     */
    public static GatewayConfig load(Vertx vertx, Path file, Map<String, String> env, ChannelRegistry registry,
                                     SinkRegistry sinks) {
        return load(vertx, file, env, registry, sinks, PluginRegistry.standard(ConfigLoader.class.getClassLoader()));
    }

    /**
     * Reads and validates a configuration file. Blocks: call it before deploying, off the event loop.
     *
     * @param vertx    a Vert.x instance for vertx-config
     * @param file     the YAML file
     * @param env      the environment (secrets, {@code SWITCHBOARD_ADMIN_TOKEN})
     * @param registry the channel types available
     * @param sinks    the sink types available
     * @param plugins  finds the plugin types (built-ins and the plugins directory)
     * @return the configuration
     * @throws ConfigException with every problem found
     */
    public static GatewayConfig load(Vertx vertx, Path file, Map<String, String> env, ChannelRegistry registry,
                                     SinkRegistry sinks, PluginRegistry.Discovery plugins) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), List.of(ConfigProblem.invalid("(file)",
                    "configuration file not found (working directory " + Path.of("").toAbsolutePath() + ")", null)));
        }
        ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
                .setScanPeriod(-1)
                .setIncludeDefaultStores(false)
                .addStore(new ConfigStoreOptions().setType("file").setFormat("yaml")
                        .setConfig(new JsonObject().put("path", file.toAbsolutePath().toString()))));
        JsonObject raw;
        try {
            raw = retriever.getConfig().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while (cause.getCause() != null && cause.getMessage() == null) {
                cause = cause.getCause();
            }
            throw new ConfigException(file.toString(), List.of(ConfigProblem.invalid("(file)",
                    "cannot be read as YAML: " + firstLine(cause.getMessage()), null)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + file, e);
        } catch (TimeoutException e) {
            throw new ConfigException(file.toString(), List.of(ConfigProblem.invalid("(file)", "timed out reading", null)));
        } finally {
            retriever.close();
        }
        return parse(raw, file, env, registry, sinks, plugins);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * Validates a configuration already read into JSON.
     *
     * @param raw      the configuration
     * @param source   the file it came from (for messages and relative paths)
     * @param env      the environment
     * @param registry the channel types available
     * @return the configuration
     * @throws ConfigException with every problem found
     */
    public static GatewayConfig parse(JsonObject raw, Path source, Map<String, String> env, ChannelRegistry registry) {
        return parse(raw, source, env, registry, SinkRegistry.discover(ConfigLoader.class.getClassLoader()));
    }

    /**
     * Validates a configuration already read into JSON.
     *
     * @param raw      the configuration
     * @param source   the file it came from (for messages and relative paths)
     * @param env      the environment
     * @param registry the channel types available
     * @param sinkTypes the sink types available
     * @return the configuration
     * @throws ConfigException with every problem found
     */
    public static GatewayConfig parse(JsonObject raw, Path source, Map<String, String> env, ChannelRegistry registry,
                                      SinkRegistry sinkTypes) {
        return parse(raw, source, env, registry, sinkTypes, PluginRegistry.standard(ConfigLoader.class.getClassLoader()));
    }

    /**
     * Validates a configuration already read into JSON.
     *
     * @param raw       the configuration
     * @param source    the file it came from (for messages and relative paths)
     * @param env       the environment
     * @param registry  the channel types available
     * @param sinkTypes the sink types available
     * @param pluginDiscovery finds the plugin types (built-ins and the plugins directory)
     * @return the configuration
     * @throws ConfigException with every problem found
     */
    public static GatewayConfig parse(JsonObject raw, Path source, Map<String, String> env, ChannelRegistry registry,
                                      SinkRegistry sinkTypes, PluginRegistry.Discovery pluginDiscovery) {
        Path dir = source.toAbsolutePath().getParent();
        SecretResolver secrets = new EnvSecretResolver(env, dir == null ? Path.of(".") : dir);
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigSpec.Validation top = TOP.validate(raw, secrets);
        problems.addAll(top.problems());
        ConfigValues values = top.values();
        Map<String, ChannelConfig> channels = new LinkedHashMap<>();
        ServerConfig server = null;
        if (problems.stream().noneMatch(p -> p.path().startsWith("server"))) {
            server = ServerConfig.from(values.getObject("server"));
            if ((server.tlsCertPath() == null) != (server.tlsKeyPath() == null)) {
                problems.add(ConfigProblem.invalid(server.tlsCertPath() == null ? "server.tlsCertPath" : "server.tlsKeyPath",
                        "is required when the other TLS key is set", null));
            }
            for (String[] k : new String[][] {{"server.tlsCertPath", server.tlsCertPath()},
                    {"server.tlsKeyPath", server.tlsKeyPath()}}) {
                if (k[1] != null && !Files.isReadable(Path.of(k[1]))) {
                    problems.add(ConfigProblem.invalid(k[0], "file cannot be read", k[1]));
                }
            }
        }
        AdminConfig admin = null;
        String token = env.get("SWITCHBOARD_ADMIN_TOKEN");
        token = token == null || token.isBlank() ? null : token;
        if (problems.stream().noneMatch(p -> p.path().startsWith("admin"))) {
            admin = AdminConfig.from(values.getObject("admin"));
            if (!admin.loopback() && token == null) {
                problems.add(ConfigProblem.invalid("admin.host", "binding the admin API to a non-loopback interface "
                        + "requires SWITCHBOARD_ADMIN_TOKEN to be set", admin.host()));
            }
            if (server != null && admin.port() != 0 && admin.port() == server.port()) {
                problems.add(ConfigProblem.invalid("admin.port", "must differ from server.port", admin.port()));
            }
        }
        StoreConfig store = null;
        if (problems.stream().noneMatch(p -> p.path().startsWith("store"))) {
            store = StoreConfig.from(values.getObject("store"));
        }
        DeliveryConfig delivery = null;
        if (problems.stream().noneMatch(p -> p.path().startsWith("delivery"))) {
            delivery = DeliveryConfig.from(values.getObject("delivery"));
        }
        Map<String, SinkConfig> sinks = new LinkedHashMap<>();
        JsonObject sinkMap = values.getJson("sinks");
        if (sinkMap != null) {
            for (String name : sinkMap.fieldNames()) {
                SinkConfig sc = sink(name, sinkMap.getValue(name), secrets, sinkTypes, problems);
                if (sc != null) {
                    sinks.put(name, sc);
                }
            }
        }
        if (delivery != null) {
            checkSinkNames("delivery.defaultSinks", delivery.defaultSinks(), sinkMap, problems);
        }
        JsonObject chans = values.getJson("channels");
        if (chans != null) {
            for (String id : chans.fieldNames()) {
                ChannelConfig c = channel(id, chans.getValue(id), server, secrets, registry, problems);
                if (c != null) {
                    channels.put(id, c);
                    if (c.sinks() != null) {
                        checkSinkNames("channels." + id + ".sinks", c.sinks(), sinkMap, problems);
                    }
                }
            }
        }
        ChainsConfig chains = null;
        PluginRegistry plugins = null;
        if (problems.stream().noneMatch(p -> p.path().startsWith("plugins"))) {
            PluginsConfig pc = PluginsConfig.from(values.getObject("plugins"));
            try {
                plugins = pluginDiscovery.discover(pc.directory());
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
            chains = ChainsConfig.parse(values.getJson("chains"), pc, plugins,
                    chans == null ? List.of() : chans.fieldNames(), secrets, problems);
        }
        List<ConfigProblem> fatal = problems.stream().filter(p -> p.kind() == ConfigProblem.Kind.INVALID).toList();
        if (!fatal.isEmpty()) {
            if (plugins != null) {
                plugins.close();
            }
            throw new ConfigException(source.toString(), fatal);
        }
        return new GatewayConfig(source, server, admin, store, delivery, java.util.Collections.unmodifiableMap(sinks),
                java.util.Collections.unmodifiableMap(channels), token, chains);
    }

    private static ChannelConfig channel(String id, Object value, ServerConfig server, SecretResolver secrets,
                                         ChannelRegistry registry, List<ConfigProblem> problems) {
        String path = "channels." + id;
        if (!CHANNEL_ID.matcher(id).matches()) {
            problems.add(ConfigProblem.invalid(path, "channel id must be 1-64 lower-case letters, digits, '-' or '_'", id));
            return null;
        }
        if (!(value instanceof JsonObject obj)) {
            problems.add(ConfigProblem.invalid(path, "must be a mapping with at least `type`", null));
            return null;
        }
        ConfigSpec.Validation common = ChannelConfig.COMMON.validate(obj, secrets);
        common.problems().forEach(p -> problems.add(p.under(path)));
        if (!common.isValid()) {
            return null;
        }
        ConfigValues cv = common.values();
        String type = cv.getString("type");
        ChannelAdapterFactory factory = registry.factory(type).orElse(null);
        if (factory == null) {
            problems.add(ConfigProblem.invalid(path + ".type", "unknown channel type; known types are "
                    + String.join(", ", registry.types()), type));
            return null;
        }
        JsonObject own = obj.copy();
        ChannelConfig.COMMON.keys().forEach(k -> own.remove(k.name()));
        ConfigSpec.Validation adapter = factory.configSpec().validate(own, secrets);
        List<ConfigProblem> missing = new ArrayList<>();
        for (ConfigProblem p : adapter.problems()) {
            ConfigProblem rooted = p.under(path);
            if (p.kind() == ConfigProblem.Kind.MISSING_SECRET) {
                missing.add(rooted);
            } else {
                problems.add(rooted);
            }
        }
        Integer maxBody = cv.has("maxBodyBytes") ? cv.getInt("maxBodyBytes") : null;
        int limit = maxBody != null ? maxBody : server == null ? 1_048_576 : server.maxBodyBytes();
        List<String> sinkList = cv.has("sinks") ? cv.getList("sinks") : null;
        return new ChannelConfig(id, type, cv.getString("tenant"), cv.getBoolean("enabled"),
                cv.getString("publicUrl"), limit, sinkList, missing.isEmpty() ? adapter.values() : null,
                List.copyOf(missing));
    }

    private static void checkSinkNames(String path, List<String> names, JsonObject configured,
                                       List<ConfigProblem> problems) {
        for (int i = 0; i < names.size(); i++) {
            if (configured == null || !configured.containsKey(names.get(i))) {
                problems.add(ConfigProblem.invalid(path + "[" + i + "]", "unknown sink; configured sinks are "
                        + (configured == null || configured.isEmpty() ? "(none)" : String.join(", ", configured.fieldNames())),
                        names.get(i)));
            }
        }
    }

    private static SinkConfig sink(String name, Object value, SecretResolver secrets, SinkRegistry registry,
                                   List<ConfigProblem> problems) {
        String path = "sinks." + name;
        if (!CHANNEL_ID.matcher(name).matches()) {
            problems.add(ConfigProblem.invalid(path, "sink name must be 1-64 lower-case letters, digits, '-' or '_'", name));
            return null;
        }
        if (!(value instanceof JsonObject obj)) {
            problems.add(ConfigProblem.invalid(path, "must be a mapping with at least `type`", null));
            return null;
        }
        ConfigSpec.Validation common = SinkConfig.COMMON.validate(obj, secrets);
        common.problems().forEach(p -> problems.add(p.under(path)));
        if (!common.isValid()) {
            return null;
        }
        String type = common.values().getString("type");
        ContactSinkFactory factory = registry.factory(type).orElse(null);
        if (factory == null) {
            problems.add(ConfigProblem.invalid(path + ".type", "unknown sink type; known types are "
                    + (registry.types().isEmpty() ? "(none)" : String.join(", ", registry.types())), type));
            return null;
        }
        JsonObject own = obj.copy();
        own.remove("type");
        ConfigSpec.Validation v = factory.configSpec().validate(own, secrets);
        // A sink whose secret is missing cannot deliver: unlike a channel, that is fatal.
        v.problems().forEach(p -> problems.add(new ConfigProblem(p.path(), p.message(), p.value(),
                ConfigProblem.Kind.INVALID).under(path)));
        return v.isValid() ? new SinkConfig(name, type, v.values()) : null;
    }
}

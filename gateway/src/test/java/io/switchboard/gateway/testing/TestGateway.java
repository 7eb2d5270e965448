package io.switchboard.gateway.testing;

import io.switchboard.gateway.Gateway;
import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway for integration tests: configured from a JSON mapping (as if read from YAML), on a free
 * port, with its embedded store in a given directory, plus a blocking HTTP client for tests.
 *
 * <pre>{@code
 * try (TestGateway gw = TestGateway.start(tempDir, new JsonObject().put("channels", ...), Map.of())) {
 *     HttpResponse<Buffer> r = gw.post("/webhooks/web", "application/json", "{\"message\":\"hi\"}");
 * }
 * }</pre>
 */
public final class TestGateway implements AutoCloseable {

    private final Gateway gateway;
    private final Vertx clientVertx;
    private final WebClient client;
    private final WebClient adminClient;

    private TestGateway(Gateway gateway) {
        this.gateway = gateway;
        this.clientVertx = Vertx.vertx();
        this.client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(gateway.port()).setFollowRedirects(false));
        this.adminClient = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(gateway.adminPort()).setFollowRedirects(false));
    }

    /**
     * Starts a gateway. {@code server.port} defaults to 0 (free port), {@code server.instances} to 1 and
     * {@code store.path} to {@code dir/switchboard.db} unless the config sets them.
     *
     * @param dir    a temporary directory for the store
     * @param config the configuration mapping
     * @param env    environment variables
     * @return the running gateway
     * @throws Exception when it cannot start
     */
    public static TestGateway start(Path dir, JsonObject config, Map<String, String> env) throws Exception {
        return start(dir, config, env, io.switchboard.gateway.delivery.SinkRegistry.discover(
                TestGateway.class.getClassLoader()));
    }

    /**
     * Starts a gateway with the given sink types (e.g. test sinks).
     *
     * @param dir       a temporary directory for the store
     * @param config    the configuration mapping
     * @param env       environment variables
     * @param sinkTypes the sink types
     * @return the running gateway
     * @throws Exception when it cannot start
     */
    public static TestGateway start(Path dir, JsonObject config, Map<String, String> env,
                                    io.switchboard.gateway.delivery.SinkRegistry sinkTypes) throws Exception {
        return start(dir, config, env, sinkTypes, java.util.List.of(),
                io.switchboard.gateway.internal.GatewayServices.none());
    }

    /**
     * Starts a gateway with extra plugin types (registered as if built in) and services offered to plugins. The
     * effective configuration is written to {@code dir/gateway.yaml}, which {@code POST /api/chains/reload}
     * re-reads (rewrite it with {@link #writeConfig(JsonObject)}).
     *
     * @param dir       a temporary directory for the store and the configuration file
     * @param config    the configuration mapping
     * @param env       environment variables
     * @param sinkTypes the sink types
     * @param plugins   extra plugin factories
     * @param services  services offered to plugins and adapters
     * @return the running gateway
     * @throws Exception when it cannot start
     */
    public static TestGateway start(Path dir, JsonObject config, Map<String, String> env,
                                    io.switchboard.gateway.delivery.SinkRegistry sinkTypes,
                                    java.util.List<io.switchboard.spi.plugin.ContactPluginFactory> plugins,
                                    io.switchboard.gateway.internal.GatewayServices services) throws Exception {
        JsonObject cfg = effective(dir, config);
        Path file = dir.resolve("gateway.yaml");
        java.nio.file.Files.writeString(file, cfg.encodePrettily());
        ChannelRegistry registry = ChannelRegistry.discover(TestGateway.class.getClassLoader());
        io.switchboard.gateway.chain.PluginRegistry.Discovery discovery =
                io.switchboard.gateway.chain.PluginRegistry.with(TestGateway.class.getClassLoader(), plugins);
        GatewayConfig gc = ConfigLoader.parse(cfg, file, env, registry, sinkTypes, discovery);
        TestGateway gw = new TestGateway(Gateway.start(gc, registry, sinkTypes, Clock.systemUTC(),
                vx -> ConfigLoader.load(vx, file, env, registry, sinkTypes, discovery), services));
        gw.dir = dir;
        return gw;
    }

    private Path dir;

    /**
     * Rewrites {@code gateway.yaml} (with the same defaults {@code start} applies), for a reload.
     *
     * @param config the new configuration mapping
     * @throws java.io.IOException when it cannot be written
     */
    public void writeConfig(JsonObject config) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("gateway.yaml"), effective(dir, config).encodePrettily());
    }

    private static JsonObject effective(Path dir, JsonObject config) {
        JsonObject cfg = config.copy();
        JsonObject server = cfg.getJsonObject("server", new JsonObject());
        server.put("port", server.getValue("port", 0)).put("instances", server.getValue("instances", 1));
        cfg.put("server", server);
        JsonObject admin = cfg.getJsonObject("admin", new JsonObject());
        admin.put("port", admin.getValue("port", 0));
        cfg.put("admin", admin);
        JsonObject store = cfg.getJsonObject("store", new JsonObject());
        store.put("path", store.getValue("path", dir.resolve("switchboard.db").toString()));
        cfg.put("store", store);
        return cfg;
    }

    /** @return the gateway */
    public Gateway gateway() {
        return gateway;
    }

    /** @return the port */
    public int port() {
        return gateway.port();
    }

    /** @return the base URL, e.g. http://127.0.0.1:34567 */
    public String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    /** @return the client of the public listener */
    public WebClient client() {
        return client;
    }

    /** @return the client of the admin listener */
    public WebClient adminClient() {
        return adminClient;
    }

    /**
     * Sends a request and waits for the answer: {@code /api/**} goes to the admin listener, the rest to the
     * public one.
     *
     * @param method  the method
     * @param path    path and query
     * @param headers headers
     * @param body    the body, or null
     * @return the response
     * @throws Exception on a transport failure or timeout
     */
    public HttpResponse<Buffer> send(HttpMethod method, String path, Map<String, String> headers, Buffer body)
            throws Exception {
        var req = (path.startsWith("/api/") || path.equals("/api") ? adminClient : client).request(method, path);
        headers.forEach(req::putHeader);
        var f = body == null ? req.send() : req.sendBuffer(body);
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /**
     * @param path        the path
     * @param contentType the content type
     * @param body        the body (UTF-8)
     * @return the response
     * @throws Exception on failure
     */
    public HttpResponse<Buffer> post(String path, String contentType, String body) throws Exception {
        return send(HttpMethod.POST, path, Map.of("Content-Type", contentType), Buffer.buffer(body));
    }

    /**
     * @param path the path and query
     * @return the response
     * @throws Exception on failure
     */
    public HttpResponse<Buffer> get(String path) throws Exception {
        return send(HttpMethod.GET, path, Map.of(), null);
    }

    /**
     * Polls until the contact's processing status is no longer {@code accepted}.
     *
     * @param id the contact id
     * @return the contact JSON
     * @throws Exception when it does not finish within 10 s
     */
    public JsonObject awaitProcessed(String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            HttpResponse<Buffer> r = get("/api/contacts/" + id);
            if (r.statusCode() == 200) {
                JsonObject c = r.bodyAsJsonObject();
                if (!"accepted".equals(c.getJsonObject("processing").getString("status"))) {
                    return c;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("contact " + id + " was not processed within 10 s");
    }

    /**
     * @return the Prometheus scrape
     * @throws Exception on failure
     */
    public String metrics() throws Exception {
        return get("/metrics").bodyAsString();
    }

    @Override
    public void close() throws Exception {
        client.close();
        adminClient.close();
        clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}

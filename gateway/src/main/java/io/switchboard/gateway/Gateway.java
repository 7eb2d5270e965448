package io.switchboard.gateway;

import io.switchboard.gateway.chain.ChainExecutor;
import io.switchboard.gateway.chain.ParkedResumer;
import io.switchboard.gateway.chain.PluginRegistry;
import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.http.ChainsApi;
import io.switchboard.gateway.internal.GatewayServices;
import io.switchboard.gateway.channel.LiveChannels;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.SinkConfig;
import io.switchboard.gateway.delivery.DeliveryService;
import io.switchboard.gateway.delivery.SinkRegistry;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.SinkInitContext;
import io.switchboard.gateway.http.HttpServerVerticle;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.phone.LibPhoneNumbers;
import io.switchboard.gateway.pipeline.ContactPipeline;
import io.switchboard.gateway.pipeline.ContactProcessor;
import io.switchboard.gateway.store.ContactStore;
import io.switchboard.gateway.store.StoreServices;
import io.switchboard.gateway.store.postgres.PgContactStore;
import io.switchboard.gateway.store.sqlite.SqliteContactStore;
import io.switchboard.spi.contact.PhoneNumbers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running gateway: Vert.x, the store, the channels, the pipeline and the HTTP listener, assembled from a
 * validated {@link GatewayConfig}. Used by {@link Main} and by tests.
 */
public final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final int MAX_IN_FLIGHT = 1024;

    /** Re-reads the configuration for a chain reload. Blocks; called on a worker thread. */
    @FunctionalInterface
    public interface ConfigSource {
        /**
         * @param vertx the gateway's Vert.x instance
         * @return the configuration, validated
         * @throws io.switchboard.spi.config.ConfigException with every problem
         */
        GatewayConfig load(Vertx vertx);
    }

    private final Vertx vertx;
    private final ContactStore store;
    private final ContactPipeline pipeline;
    private final LiveChannels channels;
    private final GatewayMetrics metrics;
    private final int port;
    private final int adminPort;
    private ChainExecutor chains;
    private ParkedResumer resumer;
    private ConfigSource configSource;
    private final java.util.concurrent.atomic.AtomicBoolean reloading = new java.util.concurrent.atomic.AtomicBoolean();

    private Gateway(Vertx vertx, ContactStore store, ContactPipeline pipeline, LiveChannels channels,
                    GatewayMetrics metrics, int port, int adminPort) {
        this.adminPort = adminPort;
        this.vertx = vertx;
        this.store = store;
        this.pipeline = pipeline;
        this.channels = channels;
        this.metrics = metrics;
        this.port = port;
    }

    /**
     * Starts a gateway. Blocks until it serves (or fails); do not call it on an event loop.
     *
     * @param config   the validated configuration
     * @param registry the channel types
     * @param clock    the clock
     * @return the running gateway
     * @throws Exception when it cannot start; nothing is left running
     */
    public static Gateway start(GatewayConfig config, ChannelRegistry registry, Clock clock) throws Exception {
        return start(config, registry, SinkRegistry.discover(Gateway.class.getClassLoader()), clock);
    }

    /**
     * Starts a gateway. Blocks until it serves (or fails); do not call it on an event loop.
     *
     * @param config    the validated configuration
     * @param registry  the channel types
     * @param sinkTypes the sink types
     * @param clock     the clock
     * @return the running gateway
     * @throws Exception when it cannot start; nothing is left running
     */
    public static Gateway start(GatewayConfig config, ChannelRegistry registry, SinkRegistry sinkTypes, Clock clock)
            throws Exception {
        Map<String, String> env = System.getenv();
        // The seam for the services plugins and adapters get through service(Class): pass the store-backed
        // CustomerDirectory and Conversations here, e.g. GatewayServices.of(Map.of(CustomerDirectory.class, …)).
        GatewayServices services = GatewayServices.none();
        return start(config, registry, sinkTypes, clock, vx -> ConfigLoader.load(vx, config.source(), env, registry,
                sinkTypes, PluginRegistry.standard(Gateway.class.getClassLoader())), services);
    }

    /**
     * Starts a gateway. Blocks until it serves (or fails); do not call it on an event loop.
     *
     * @param config       the validated configuration
     * @param registry     the channel types
     * @param sinkTypes    the sink types
     * @param clock        the clock
     * @param configSource re-reads the configuration when the chains are reloaded
     * @param services     the services offered to plugins and channel adapters
     * @return the running gateway
     * @throws Exception when it cannot start; nothing is left running
     */
    public static Gateway start(GatewayConfig config, ChannelRegistry registry, SinkRegistry sinkTypes, Clock clock,
                                ConfigSource configSource, GatewayServices services) throws Exception {
        GatewayMetrics metrics = GatewayMetrics.create();
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
                .build();
        ContactStore store = null;
        ChainExecutor chains = null;
        try {
            store = "postgres".equals(config.store().type())
                    ? PgContactStore.open(vertx, config.store()).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS)
                    : SqliteContactStore.open(vertx, config.store());
            if (store instanceof SqliteContactStore embedded) {
                metrics.storeCommits(embedded, SqliteContactStore::commits, SqliteContactStore::committedWrites);
                embedded.observeBatches(metrics::storeBatch);
            }
            PhoneNumbers phones = new LibPhoneNumbers();
            // The one lookup of the services offered to plugins and adapters: those given, then the store-backed
            // CustomerDirectory and Conversations (StoreServices).
            GatewayServices offered = withStoreServices(services, store);
            LiveChannels channels = LiveChannels.create(vertx, config, registry, phones, clock, offered.asFunction());
            chains = ChainExecutor.start(vertx, config, metrics, offered, phones, clock);
            ContactProcessor processor = chains;
            Map<String, ContactSink> sinks = startSinks(vertx, config, sinkTypes, clock);
            DeliveryService delivery = new DeliveryService(store, sinks, config.delivery(), metrics, clock);
            vertx.deployVerticle(delivery).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            ContactPipeline pipeline = new ContactPipeline(vertx, store, processor, metrics, MAX_IN_FLIGHT,
                    c -> config.sinksOf(c.channel().id()), delivery::notifyWork);
            ParkedResumer resumer = new ParkedResumer(vertx, store, pipeline, chains, MAX_IN_FLIGHT);
            Gateway[] self = new Gateway[1];
            ChainsApi chainsApi = new ChainsApi(chains, config, () -> self[0].reloadChains());
            int port = config.server().port() == 0 ? freePort() : config.server().port();
            int adminPort = config.admin().port() == 0 ? freePort() : config.admin().port();
            HttpServerVerticle.Deps deps = new HttpServerVerticle.Deps(config, channels, store, pipeline, delivery,
                    metrics, clock, port, adminPort, chainsApi);
            vertx.deployVerticle(() -> new HttpServerVerticle(deps, false),
                            new DeploymentOptions().setInstances(config.server().instances()))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.deployVerticle(new HttpServerVerticle(deps, true))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            pipeline.start();
            resumer.start();
            Gateway gw = new Gateway(vertx, store, pipeline, channels, metrics, port, adminPort);
            gw.chains = chains;
            gw.resumer = resumer;
            gw.configSource = configSource;
            self[0] = gw;
            gw.logChannels();
            LOG.atInfo().setMessage("switchboard gateway listening").addKeyValue("host", config.server().host())
                    .addKeyValue("port", port).addKeyValue("instances", config.server().instances()).log();
            LOG.atInfo().setMessage("admin API listening").addKeyValue("host", config.admin().host())
                    .addKeyValue("port", adminPort).addKeyValue("auth", config.adminToken() != null ? "bearer" : "none")
                    .log();
            return gw;
        } catch (Exception e) {
            if (chains != null) {
                chains.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } else if (config.chains() != null && config.chains().registry() != null) {
                config.chains().registry().close();
            }
            if (store != null) {
                store.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static Map<String, ContactSink> startSinks(Vertx vertx, GatewayConfig config, SinkRegistry types,
                                                       Clock clock) throws Exception {
        Map<String, ContactSink> sinks = new LinkedHashMap<>();
        for (SinkConfig sc : config.sinks().values()) {
            SinkInitContext ctx = new SinkInitContext() {
                @Override
                public Vertx vertx() {
                    return vertx;
                }

                @Override
                public String name() {
                    return sc.name();
                }

                @Override
                public ConfigValues config() {
                    return sc.config();
                }

                @Override
                public java.nio.file.Path configDirectory() {
                    return config.directory();
                }

                @Override
                public Clock clock() {
                    return clock;
                }
            };
            try {
                sinks.put(sc.name(), types.factory(sc.type()).orElseThrow().create(ctx)
                        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                for (ContactSink s : sinks.values()) {
                    s.close();
                }
                throw new IllegalStateException("sink '" + sc.name() + "' (" + sc.type() + ") could not start: "
                        + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
            }
            LOG.atInfo().setMessage("sink started").addKeyValue("sink", sc.name()).addKeyValue("type", sc.type()).log();
        }
        return sinks;
    }

    private void logChannels() {
        if (channels.all().isEmpty()) {
            LOG.warn("no channels configured: add some under channels: in the configuration file");
        }
        for (LiveChannels.Channel c : channels.all()) {
            if (c.live()) {
                LOG.atInfo().setMessage("channel live").addKeyValue("channel", c.ref().id())
                        .addKeyValue("type", c.ref().type()).addKeyValue("path", "/webhooks/" + c.ref().id()).log();
            } else {
                LOG.atWarn().setMessage("channel NOT started").addKeyValue("channel", c.ref().id())
                        .addKeyValue("type", c.ref().type()).addKeyValue("reason", c.reason()).log();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** @return the port the public listener is bound to */
    public int port() {
        return port;
    }

    /** @return the port the admin listener is bound to */
    public int adminPort() {
        return adminPort;
    }

    /** @return the Vert.x instance */
    public Vertx vertx() {
        return vertx;
    }

    /** @return the store */
    public ContactStore store() {
        return store;
    }

    /** @return the metrics */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** @return the pipeline */
    public ContactPipeline pipeline() {
        return pipeline;
    }

    /** @return the chains */
    public ChainExecutor chains() {
        return chains;
    }

    /**
     * Re-reads the configuration file and replaces the chains (and, with a re-scan of the plugins directory, the
     * third-party plugins). Contacts in flight finish on the old chains; an invalid configuration is refused and
     * the old chains keep running. Other sections of the file take effect at the next restart.
     *
     * @return what was loaded; fails with a {@link io.switchboard.spi.config.ConfigException} naming every
     *         problem, or {@link ChainsApi.ReloadInProgress}
     */
    public Future<io.vertx.core.json.JsonObject> reloadChains() {
        if (!reloading.compareAndSet(false, true)) {
            return Future.failedFuture(new ChainsApi.ReloadInProgress());
        }
        return vertx.executeBlocking(() -> chains.reload(configSource.load(vertx)), false)
                .andThen(ar -> {
                    reloading.set(false);
                    metrics.chainReload(ar.succeeded() ? "applied" : "refused");
                    if (ar.failed()) {
                        LOG.atWarn().setMessage("chain reload refused; the running chains are unchanged")
                                .addKeyValue("error", firstLine(ar.cause().getMessage())).log();
                    }
                });
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replace('\n', ' ');
    }

    /**
     * Stops serving, lets queued writes commit, and closes everything.
     *
     * @return completion
     */
    public Future<Void> stop() {
        pipeline.stop();
        resumer.stop();
        Future<Void> undeployed = vertx.deploymentIDs().isEmpty() ? Future.succeededFuture()
                : Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()).mapEmpty();
        return undeployed.transform(ar -> drain(System.currentTimeMillis() + 10_000))
                .transform(ar -> chains.close())
                .transform(ar -> store.close())
                .transform(ar -> vertx.close());
    }

    /** Waits (on a timer) for contacts in flight to finish their chains, up to a deadline. */
    private Future<Void> drain(long deadline) {
        if (pipeline.inFlight() == 0 || System.currentTimeMillis() > deadline) {
            return Future.succeededFuture();
        }
        io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
        vertx.setTimer(20, id -> drain(deadline).onComplete(p));
        return p.future();
    }

    /** @return the given services, then those the store offers (customer directory, conversations) */
    private static GatewayServices withStoreServices(GatewayServices given, ContactStore store) {
        java.util.function.Function<Class<?>, java.util.Optional<?>> fromStore = StoreServices.of(store);
        return new GatewayServices() {
            @Override
            public <T> java.util.Optional<T> find(Class<T> type) {
                java.util.Optional<T> f = given.find(type);
                return f.isPresent() ? f : fromStore.apply(type).map(type::cast);
            }
        };
    }
}

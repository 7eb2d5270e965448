package io.switchboard.gateway;

import io.switchboard.gateway.channel.ChannelRegistry;
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
import io.switchboard.spi.contact.Processing;
import io.switchboard.spi.contact.ProcessingStatus;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running gateway: Vert.x, the store, the channels, the pipeline and the HTTP listener, assembled from a
 * validated {@link GatewayConfig}. Used by {@link Main} and by tests.
 */
public final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Vertx vertx;
    private final ContactStore store;
    private final ContactPipeline pipeline;
    private final LiveChannels channels;
    private final GatewayMetrics metrics;
    private final int port;
    private final int adminPort;

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
        GatewayMetrics metrics = GatewayMetrics.create();
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
                .build();
        ContactStore store = null;
        try {
            store = "postgres".equals(config.store().type())
                    ? PgContactStore.open(vertx, config.store()).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS)
                    : SqliteContactStore.open(vertx, config.store());
            PhoneNumbers phones = new LibPhoneNumbers();
            LiveChannels channels = LiveChannels.create(vertx, config, registry, phones, clock,
                    StoreServices.of(store));
            ContactProcessor processor = contact -> Future.succeededFuture(contact.toBuilder()
                    .processing(new Processing(ProcessingStatus.PROCESSED, null, null, null, List.of())).build());
            Map<String, ContactSink> sinks = startSinks(vertx, config, sinkTypes, clock);
            DeliveryService delivery = new DeliveryService(store, sinks, config.delivery(), metrics, clock);
            vertx.deployVerticle(delivery).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            ContactPipeline pipeline = new ContactPipeline(vertx, store, processor, metrics, 1024,
                    c -> config.sinksOf(c.channel().id()), delivery::notifyWork);
            int port = config.server().port() == 0 ? freePort() : config.server().port();
            int adminPort = config.admin().port() == 0 ? freePort() : config.admin().port();
            HttpServerVerticle.Deps deps = new HttpServerVerticle.Deps(config, channels, store, pipeline, delivery,
                    metrics, clock, port, adminPort);
            vertx.deployVerticle(() -> new HttpServerVerticle(deps, false),
                            new DeploymentOptions().setInstances(config.server().instances()))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.deployVerticle(new HttpServerVerticle(deps, true))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            pipeline.start();
            Gateway gw = new Gateway(vertx, store, pipeline, channels, metrics, port, adminPort);
            gw.logChannels();
            LOG.atInfo().setMessage("switchboard gateway listening").addKeyValue("host", config.server().host())
                    .addKeyValue("port", port).addKeyValue("instances", config.server().instances()).log();
            LOG.atInfo().setMessage("admin API listening").addKeyValue("host", config.admin().host())
                    .addKeyValue("port", adminPort).addKeyValue("auth", config.adminToken() != null ? "bearer" : "none")
                    .log();
            return gw;
        } catch (Exception e) {
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

    /**
     * Stops serving, lets queued writes commit, and closes everything.
     *
     * @return completion
     */
    public Future<Void> stop() {
        pipeline.stop();
        return vertx.deploymentIDs().isEmpty() ? store.close().compose(v -> vertx.close())
                : Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList())
                .transform(ar -> store.close())
                .transform(ar -> vertx.close());
    }
}

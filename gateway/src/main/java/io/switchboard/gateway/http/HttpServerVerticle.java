package io.switchboard.gateway.http;

import io.switchboard.gateway.channel.LiveChannels;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.delivery.DeliveryService;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.pipeline.ContactPipeline;
import io.switchboard.gateway.store.ContactStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.switchboard.gateway.config.ServerConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The two listeners. The public one (webhooks, health, metrics) is deployed once per event loop, all
 * instances sharing the port; the admin one (the {@code /api/**} read and operations API, health, metrics)
 * binds its own port, on loopback by default, and requires the admin token when one is set.
 */
public final class HttpServerVerticle extends VerticleBase {

    /** Everything the listener serves from. */
    public record Deps(GatewayConfig config, LiveChannels channels, ContactStore store, ContactPipeline pipeline,
                       DeliveryService delivery, GatewayMetrics metrics, Clock clock, int port, int adminPort,
                       ChainsApi chains) {
    }

    private final Deps deps;
    private final boolean admin;

    /**
     * @param deps  what the listener serves from
     * @param admin true for the admin listener, false for the public one
     */
    public HttpServerVerticle(Deps deps, boolean admin) {
        this.deps = deps;
        this.admin = admin;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        if (admin) {
            if (deps.config().adminToken() != null) {
                router.route("/api/*").handler(new AdminAuth(deps.config().adminToken()));
            }
            new ContactsApi(deps.store()).mount(router);
            new DeliveriesApi(deps.store(), deps.delivery(), deps.clock()).mount(router);
            new IdentityApi(deps.store(), deps.clock()).mount(router);
            deps.chains().mount(router);
        } else {
            router.route("/webhooks/:channelId").handler(new WebhookHandler(deps.config().server(), deps.channels(),
                    deps.pipeline(), deps.delivery(), deps.metrics(), deps.clock()));
        }
        router.get("/health/live").handler(rc -> rc.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "UP").encode()));
        router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness()));
        router.get("/metrics").handler(rc -> rc.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(deps.metrics().scrape()));
        router.route().last().handler(rc -> rc.response().setStatusCode(404)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", "not-found").encode()));
        ServerConfig sc = deps.config().server();
        HttpServerOptions options = new HttpServerOptions()
                .setHost(admin ? deps.config().admin().host() : sc.host())
                .setPort(admin ? deps.adminPort() : deps.port())
                .setIdleTimeout((int) sc.idleTimeout().toMillis())
                // A second more than the body deadline, so a slow body gets its 408 from BodyReader before the
                // socket's read-idle timeout closes the connection without an answer.
                .setReadIdleTimeout((int) sc.requestTimeout().toMillis() + 1000)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxHeaderSize(sc.maxHeaderBytes())
                .setMaxInitialLineLength(8192)
                .setCompressionSupported(false);
        if (!admin && sc.tlsCertPath() != null) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(sc.tlsCertPath())
                    .setKeyPath(sc.tlsKeyPath()));
        }
        SlowClientGuard guard = new SlowClientGuard(vertx, sc.requestTimeout(), sc.maxHeaderCount());
        return vertx.createHttpServer(options)
                .connectionHandler(guard::connected)
                .requestHandler(req -> {
                    if (guard.admit(req)) {
                        router.handle(req);
                    }
                })
                .listen();
    }

    private HealthChecks readiness() {
        HealthChecks checks = HealthChecks.create(vertx);
        checks.register("store", 2000, promise -> deps.store().ping().onComplete(ar -> {
            JsonObject data = new JsonObject().put("pendingWrites", deps.store().pendingWrites());
            promise.tryComplete(ar.succeeded() ? Status.OK(data)
                    : Status.KO(data.put("error", ar.cause().getClass().getSimpleName())));
        }));
        checks.register("outbox", promise -> {
            JsonObject data = new JsonObject().put("pending", deps.delivery().pendingDeliveries())
                    .put("maxDepth", deps.delivery().maxDepth()).put("sinks", deps.delivery().sinkStates());
            promise.tryComplete(deps.delivery().backpressure() ? Status.KO(data.put("backpressure", true)) : Status.OK(data));
        });
        checks.register("channels", promise -> {
            JsonObject data = new JsonObject();
            deps.channels().all().forEach(c -> data.put(c.ref().id(), c.live()
                    ? new JsonObject().put("type", c.ref().type()).put("status", "live")
                    : new JsonObject().put("type", c.ref().type()).put("status", "not-started")
                    .put("reason", c.reason())));
            // Channels that are not started do not make the gateway unready: the others still serve.
            promise.tryComplete(Status.OK(data));
        });
        return checks;
    }
}

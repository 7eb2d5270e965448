package io.switchboard.gateway.http;

import io.switchboard.gateway.chain.ChainExecutor;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigProblem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.function.Supplier;

/**
 * The chains on the admin API: {@code GET /api/chains} (each chain, each step's configuration, breaker, rate
 * limiter and bulkhead state, and counters; the loaded plugins; which chain each channel runs) and
 * {@code POST /api/chains/reload} (re-read the configuration file and swap the chains; an invalid configuration
 * is refused with every problem, 400, and the running chains stay).
 */
public final class ChainsApi {

    /** A reload already running. */
    public static final class ReloadInProgress extends RuntimeException {
        /** Creates it. */
        public ReloadInProgress() {
            super("a chain reload is already running", null, false, false);
        }
    }

    private final ChainExecutor chains;
    private final GatewayConfig config;
    private final Supplier<Future<JsonObject>> reload;

    /**
     * @param chains the chains
     * @param config the configuration the gateway started with (for the channel list)
     * @param reload reloads the chains; fails with a {@link ConfigException} when the new configuration is invalid
     */
    public ChainsApi(ChainExecutor chains, GatewayConfig config, Supplier<Future<JsonObject>> reload) {
        this.chains = chains;
        this.config = config;
        this.reload = reload;
    }

    /** @param router the admin router */
    public void mount(Router router) {
        router.get("/api/chains").handler(rc -> ContactsApi.respond(rc, Future.succeededFuture(describe())));
        router.post("/api/chains/reload").handler(rc -> ContactsApi.respond(rc, reload.get()
                .map(r -> HttpReply.json(200, r))
                .recover(ChainsApi::refused)));
    }

    private HttpReply describe() {
        JsonObject body = chains.describe();
        JsonObject channels = new JsonObject();
        config.channels().keySet().forEach(id -> channels.put(id, chains.chainOf(id)));
        return HttpReply.json(200, body.put("channels", channels));
    }

    private static Future<HttpReply> refused(Throwable e) {
        if (e instanceof ConfigException ce) {
            JsonArray problems = new JsonArray();
            for (ConfigProblem p : ce.problems()) {
                JsonObject o = new JsonObject().put("path", p.path()).put("message", p.message());
                if (p.value() != null) {
                    o.put("value", p.value());
                }
                problems.add(o);
            }
            return Future.succeededFuture(HttpReply.json(400, new JsonObject().put("error", "invalid-configuration")
                    .put("detail", "the new configuration was refused; the running chains are unchanged")
                    .put("problems", problems)));
        }
        if (e instanceof ReloadInProgress) {
            return Future.succeededFuture(HttpReply.json(409, new JsonObject().put("error", "reload-in-progress")));
        }
        return Future.failedFuture(e);
    }
}

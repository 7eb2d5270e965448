package io.switchboard.gateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Protects a listener from slow and oversized clients. On a kept-alive connection the next request head must
 * arrive within the request timeout of the previous response, or the connection is closed (slowloris that
 * dribbles a head slowly). The first head is bounded by the listener's read-idle timeout and its header size
 * limit (Vert.x exposes the connection only once a head is parsed). A request with too many headers gets 431.
 * One instance per verticle: event-loop confined.
 */
final class SlowClientGuard {

    private final Vertx vertx;
    private final long timeoutMs;
    private final int maxHeaders;
    private final Map<HttpConnection, Long> timers = new IdentityHashMap<>();

    SlowClientGuard(Vertx vertx, Duration timeout, int maxHeaders) {
        this.vertx = vertx;
        this.timeoutMs = timeout.toMillis();
        this.maxHeaders = maxHeaders;
    }

    void connected(HttpConnection conn) {
        conn.closeHandler(v -> disarm(conn));
    }

    private void arm(HttpConnection conn) {
        disarm(conn);
        timers.put(conn, vertx.setTimer(timeoutMs, id -> {
            timers.remove(conn);
            conn.shutdown(0, java.util.concurrent.TimeUnit.MILLISECONDS);
        }));
    }

    private void disarm(HttpConnection conn) {
        Long t = timers.remove(conn);
        if (t != null) {
            vertx.cancelTimer(t);
        }
    }

    /**
     * Called when a request head has arrived.
     *
     * @param req the request
     * @return true to route it; false when it was answered here
     */
    boolean admit(HttpServerRequest req) {
        HttpConnection conn = req.connection();
        if (conn != null) {
            disarm(conn);
            // Between requests on a kept-alive connection, the next head must also arrive in time.
            req.response().endHandler(v -> arm(conn));
        }
        if (req.headers().size() > maxHeaders) {
            req.response().setStatusCode(431).putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close")
                    .end(new JsonObject().put("error", "too-many-headers").encode());
            return false;
        }
        return true;
    }
}

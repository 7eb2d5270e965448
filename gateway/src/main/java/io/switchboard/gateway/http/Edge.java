package io.switchboard.gateway.http;

import io.switchboard.gateway.store.StoreException;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.RequestRejectedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * The one place where failures become HTTP answers. A rejection says no more than its status (401/403
 * never say which check failed); a store failure is a 503 with {@code Retry-After} so providers retry;
 * anything else is a 500.
 */
public final class Edge {

    private Edge() {
    }

    /** The gateway is too busy for this request right now: 503 with {@code Retry-After}, so the provider retries. */
    static final class Busy extends RuntimeException {
        private final String reason;
        private final int retryAfterSeconds;

        Busy(String reason, int retryAfterSeconds) {
            super(reason, null, false, false);
            this.reason = reason;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    /** The outcome of mapping a failure: the answer and the reason code it is counted under. */
    record Mapped(HttpReply reply, String reason, boolean serverFault) {
    }

    static Mapped map(Throwable t) {
        if (t instanceof RequestRejectedException r) {
            JsonObject body = new JsonObject().put("error", publicError(r.status(), r.reason()));
            if (r.status() == 400 || r.status() == 413 || r.status() == 415) {
                String msg = r.getMessage();
                int colon = msg.indexOf(": ");
                if (colon > 0) {
                    body.put("detail", msg.substring(colon + 2));
                }
            }
            HttpReply reply = HttpReply.json(r.status(), body);
            if (r.retryAfterSeconds() > 0) {
                reply = reply.withHeader("Retry-After", String.valueOf(r.retryAfterSeconds()));
            }
            return new Mapped(reply, r.reason(), false);
        }
        if (t instanceof BodyReader.TooLarge) {
            return new Mapped(HttpReply.json(413, new JsonObject().put("error", "payload-too-large"))
                    .withHeader("Connection", "close"), "payload-too-large", false);
        }
        if (t instanceof BodyReader.TooSlow) {
            return new Mapped(HttpReply.json(408, new JsonObject().put("error", "request-timeout"))
                    .withHeader("Connection", "close"), "request-timeout", false);
        }
        if (t instanceof Busy b) {
            return new Mapped(HttpReply.json(503, new JsonObject().put("error", "temporarily-unavailable"))
                    .withHeader("Retry-After", String.valueOf(b.retryAfterSeconds)), b.reason, true);
        }
        if (t instanceof StoreException s) {
            String retry = "store-overloaded".equals(s.reason()) ? "1" : "5";
            return new Mapped(HttpReply.json(503, new JsonObject().put("error", "temporarily-unavailable"))
                    .withHeader("Retry-After", retry), s.reason(), true);
        }
        return new Mapped(HttpReply.json(500, new JsonObject().put("error", "internal")), "internal", true);
    }

    private static String publicError(int status, String reason) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            default -> reason;
        };
    }

    static void send(HttpServerResponse response, HttpReply reply) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(reply.status());
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            response.putHeader(h.getKey(), h.getValue());
        }
        response.end(reply.body());
    }
}

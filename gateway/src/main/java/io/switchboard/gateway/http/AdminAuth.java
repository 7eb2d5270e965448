package io.switchboard.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards {@code /api/**}: when an admin token is configured ({@code SWITCHBOARD_ADMIN_TOKEN}), requires
 * {@code Authorization: Bearer <token>}, compared in constant time.
 */
final class AdminAuth implements Handler<RoutingContext> {

    private final byte[] token;

    AdminAuth(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext rc) {
        String h = rc.request().getHeader("Authorization");
        byte[] given = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)
                ? h.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (MessageDigest.isEqual(given, token)) {
            rc.next();
            return;
        }
        rc.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"")
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", "unauthorized").encode());
    }
}

package io.switchboard.gateway.http;

import io.switchboard.gateway.delivery.DeliveryService;
import io.switchboard.gateway.store.ContactQuery;
import io.switchboard.gateway.store.ContactStore;
import io.switchboard.gateway.store.DeliveryState;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.RequestRejectedException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Deliveries and dead letters: {@code GET /api/contacts/{id}/deliveries}, {@code GET /api/deadletters},
 * {@code POST /api/deadletters/{id}/replay}, {@code POST /api/deadletters/replay?sink=&from=&to=}.
 */
final class DeliveriesApi {

    private final ContactStore store;
    private final DeliveryService delivery;
    private final Clock clock;

    DeliveriesApi(ContactStore store, DeliveryService delivery, Clock clock) {
        this.store = store;
        this.delivery = delivery;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/contacts/:id/deliveries").handler(rc -> ContactsApi.respond(rc,
                store.deliveries(rc.pathParam("id")).map(DeliveriesApi::list)));
        router.get("/api/deadletters").handler(rc -> ContactsApi.respond(rc, deadLetters(rc)));
        router.post("/api/deadletters/replay").handler(rc -> ContactsApi.respond(rc, replay(rc, null)));
        router.post("/api/deadletters/:id/replay").handler(rc -> ContactsApi.respond(rc, replay(rc, rc.pathParam("id"))));
    }

    static HttpReply list(List<DeliveryState> states) {
        JsonArray arr = new JsonArray();
        states.forEach(s -> arr.add(s.toJson()));
        return HttpReply.json(200, new JsonObject().put("deliveries", arr).put("count", states.size()));
    }

    private Future<HttpReply> deadLetters(RoutingContext rc) {
        try {
            int limit = ContactsApi.query(rc).limit();
            return store.deadLetters(param(rc, "sink"), instant(rc, "from"), instant(rc, "to"), param(rc, "before"),
                    limit).map(states -> {
                        HttpReply r = list(states);
                        if (states.size() == limit) {
                            JsonObject body = new JsonObject(r.body()).put("next", states.get(states.size() - 1).id());
                            return HttpReply.json(200, body);
                        }
                        return r;
                    });
        } catch (RequestRejectedException e) {
            return Future.failedFuture(e);
        }
    }

    private Future<HttpReply> replay(RoutingContext rc, String id) {
        String sink;
        Instant from;
        Instant to;
        try {
            sink = param(rc, "sink");
            from = instant(rc, "from");
            to = instant(rc, "to");
        } catch (RequestRejectedException e) {
            return Future.failedFuture(e);
        }
        if (sink != null && !delivery.sinkNames().contains(sink)) {
            return Future.succeededFuture(HttpReply.json(404, new JsonObject().put("error", "unknown-sink")));
        }
        return store.replay(id, sink, from, to, clock.instant()).map(n -> {
            if (id != null && n == 0) {
                return HttpReply.json(404, new JsonObject().put("error", "not-found")
                        .put("detail", "no dead letter with this id"));
            }
            if (n > 0) {
                delivery.notifyWork(sink != null ? List.of(sink) : List.copyOf(delivery.sinkNames()));
            }
            return HttpReply.json(200, new JsonObject().put("replayed", n));
        });
    }

    private static String param(RoutingContext rc, String name) {
        String v = rc.queryParams().get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Instant instant(RoutingContext rc, String name) {
        String v = param(rc, name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw RequestRejectedException.malformed("invalid-parameter", name + " must be an ISO-8601 instant");
        }
    }

}

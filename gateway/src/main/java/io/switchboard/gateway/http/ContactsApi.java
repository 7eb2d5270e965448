package io.switchboard.gateway.http;

import io.switchboard.gateway.store.ContactQuery;
import io.switchboard.gateway.store.ContactStore;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The read API: {@code GET /api/contacts/{id}}, {@code GET /api/contacts/{id}/raw} and
 * {@code GET /api/contacts?channel=&customerId=&providerEventId=&since=&before=&limit=}.
 */
public final class ContactsApi {

    /** Default page size of the listing. */
    public static final int DEFAULT_LIMIT = 50;

    private final ContactStore store;

    /** @param store the store to read */
    public ContactsApi(ContactStore store) {
        this.store = store;
    }

    /** @param router the router to mount the routes on */
    public void mount(Router router) {
        router.get("/api/contacts").handler(rc -> respond(rc, list(rc)));
        router.get("/api/contacts/:id").handler(rc -> respond(rc, store.get(rc.pathParam("id")).compose(c -> c == null
                ? Future.succeededFuture(notFound())
                : store.deliveries(c.id()).map(ds -> {
                    JsonArray arr = new JsonArray();
                    ds.forEach(d -> arr.add(d.toJson()));
                    // The contact JSON plus, beside it, each sink's delivery state (readers ignore unknown fields).
                    return HttpReply.json(200, ContactJson.toJson(c).put("deliveries", arr));
                }))));
        router.get("/api/contacts/:id/raw").handler(rc -> respond(rc, raw(rc.pathParam("id"))));
    }

    private Future<HttpReply> raw(String contactId) {
        return store.get(contactId).compose(c -> {
            if (c == null || c.raw() == null) {
                return Future.succeededFuture(notFound());
            }
            return store.raw(c.raw().id()).map(r -> {
                if (r == null) {
                    return notFound();
                }
                HttpReply reply = new HttpReply(200, java.util.Map.of(), r.body())
                        .withHeader("Content-Type", r.contentType() == null ? "application/octet-stream" : r.contentType())
                        .withHeader("X-Switchboard-Raw-Id", r.id())
                        .withHeader("X-Switchboard-Raw-Pointer", c.raw().pointer());
                return reply;
            });
        });
    }

    private Future<HttpReply> list(RoutingContext rc) {
        ContactQuery q;
        try {
            q = query(rc);
        } catch (RequestRejectedException e) {
            return Future.failedFuture(e);
        }
        return store.list(q).map(contacts -> {
            JsonArray arr = new JsonArray();
            contacts.forEach(c -> arr.add(ContactJson.toJson(c)));
            JsonObject body = new JsonObject().put("contacts", arr).put("count", contacts.size());
            if (contacts.size() == q.limit()) {
                body.put("next", contacts.get(contacts.size() - 1).id());
            }
            return HttpReply.json(200, body);
        });
    }

    static ContactQuery query(RoutingContext rc) {
        int limit = DEFAULT_LIMIT;
        String l = rc.queryParams().get("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l.trim());
            } catch (NumberFormatException e) {
                throw RequestRejectedException.malformed("invalid-parameter", "limit must be a whole number");
            }
            if (limit < 1 || limit > ContactQuery.MAX_LIMIT) {
                throw RequestRejectedException.malformed("invalid-parameter",
                        "limit must be between 1 and " + ContactQuery.MAX_LIMIT);
            }
        }
        Instant since = null;
        String s = rc.queryParams().get("since");
        if (s != null) {
            try {
                since = Instant.parse(s.trim());
            } catch (DateTimeParseException e) {
                throw RequestRejectedException.malformed("invalid-parameter",
                        "since must be an ISO-8601 instant such as 2026-11-25T10:00:00Z");
            }
        }
        return new ContactQuery(blank(rc, "channel"), blank(rc, "customerId"), blank(rc, "providerEventId"), since,
                blank(rc, "before"), limit);
    }

    private static String blank(RoutingContext rc, String name) {
        String v = rc.queryParams().get(name);
        return v == null || v.isBlank() ? null : v;
    }

    static HttpReply notFound() {
        return HttpReply.json(404, new JsonObject().put("error", "not-found"));
    }

    static void respond(RoutingContext rc, Future<HttpReply> reply) {
        reply.onComplete(ar -> Edge.send(rc.response(), ar.succeeded() ? ar.result() : Edge.map(ar.cause()).reply()));
    }

}

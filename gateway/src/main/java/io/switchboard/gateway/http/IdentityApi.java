package io.switchboard.gateway.http;

import io.switchboard.gateway.store.ContactStore;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.service.ConversationRecord;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.LinkRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Instant;

/**
 * Customers, identity decisions and conversations on the admin API:
 * <ul>
 *   <li>{@code GET /api/customers/{id}?tenant=}: a customer with its identifiers;</li>
 *   <li>{@code GET /api/contacts/{id}/identity}: the links and suggestions recorded about a contact;</li>
 *   <li>{@code GET /api/links/{id}}, {@code DELETE /api/links/{id}}: one decision, and undoing a link;</li>
 *   <li>{@code GET /api/conversations/{key}?tenant=}, {@code POST /api/conversations/{key}/resolve?tenant=}: a
 *       conversation, and resolving it (later contacts of its party open a new one). A CRM or ticketing system
 *       signals a solved ticket by calling the latter.</li>
 * </ul>
 * {@code tenant} defaults to {@code default}.
 */
final class IdentityApi {

    private final ContactStore store;
    private final Clock clock;

    IdentityApi(ContactStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/customers/:id").handler(rc -> ContactsApi.respond(rc,
                store.directory().get(tenant(rc), rc.pathParam("id")).map(c -> c == null ? ContactsApi.notFound()
                        : HttpReply.json(200, customer(c)))));
        router.get("/api/contacts/:id/identity").handler(rc -> ContactsApi.respond(rc, decisionsFor(rc.pathParam("id"))));
        router.get("/api/links/:id").handler(rc -> ContactsApi.respond(rc,
                store.directory().decision(rc.pathParam("id")).map(d -> d == null ? ContactsApi.notFound()
                        : HttpReply.json(200, decision(d)))));
        router.delete("/api/links/:id").handler(rc -> ContactsApi.respond(rc, undo(rc.pathParam("id"))));
        router.get("/api/conversations/:key").handler(rc -> ContactsApi.respond(rc,
                store.conversations().get(tenant(rc), rc.pathParam("key")).map(c -> c == null ? ContactsApi.notFound()
                        : HttpReply.json(200, conversation(c)))));
        router.post("/api/conversations/:key/resolve").handler(rc -> ContactsApi.respond(rc, resolve(rc)));
    }

    private static String tenant(RoutingContext rc) {
        String t = rc.queryParams().get("tenant");
        return t == null || t.isBlank() ? Contact.DEFAULT_TENANT : t.trim();
    }

    private Future<HttpReply> decisionsFor(String contactId) {
        return store.get(contactId).compose(c -> {
            if (c == null) {
                return Future.succeededFuture(ContactsApi.notFound());
            }
            return store.directory().decisionsFor(c.tenant(), c.id()).map(ds -> {
                JsonArray arr = new JsonArray();
                ds.forEach(d -> arr.add(decision(d)));
                return HttpReply.json(200, new JsonObject().put("decisions", arr).put("count", ds.size()));
            });
        });
    }

    private Future<HttpReply> undo(String linkId) {
        return store.directory().decision(linkId).compose(d -> {
            if (d == null) {
                return Future.succeededFuture(ContactsApi.notFound());
            }
            if (!d.isLink()) {
                return Future.failedFuture(new RequestRejectedException(409, "not-a-link",
                        "decision " + linkId + " is a suggestion; only links can be undone"));
            }
            return store.directory().undo(linkId, Instant.now(clock)).map(u -> HttpReply.json(200, decision(u)));
        });
    }

    private Future<HttpReply> resolve(RoutingContext rc) {
        String tenant = tenant(rc);
        String key = rc.pathParam("key");
        return store.conversations().get(tenant, key).compose(c -> c == null
                ? Future.succeededFuture(ContactsApi.notFound())
                : store.conversations().resolve(tenant, key).compose(changed -> store.conversations().get(tenant, key))
                .map(after -> HttpReply.json(200, conversation(after))));
    }

    private static JsonObject customer(CustomerRecord c) {
        JsonArray ids = new JsonArray();
        c.identifiers().forEach(i -> ids.add(new JsonObject().put("type", i.type()).put("value", i.value())));
        return new JsonObject().put("tenant", c.tenant()).put("id", c.id()).put("name", c.name()).put("tier", c.tier())
                .put("identifiers", ids);
    }

    static JsonObject decision(LinkRecord d) {
        return new JsonObject().put("id", d.id()).put("tenant", d.tenant()).put("contactId", d.contactId())
                .put("kind", d.isLink() ? "link" : "suggestion").put("customerId", d.customerId())
                .put("candidates", new JsonArray(new java.util.ArrayList<>(d.candidates())))
                .put("level", d.level().name().toLowerCase(java.util.Locale.ROOT)).put("method", d.method())
                .put("evidence", d.evidence()).put("createdAt", d.createdAt() == null ? null : d.createdAt().toString())
                .put("undoneAt", d.undoneAt() == null ? null : d.undoneAt().toString());
    }

    private static JsonObject conversation(ConversationRecord c) {
        return new JsonObject().put("tenant", c.tenant()).put("key", c.key()).put("partyKey", c.partyKey())
                .put("openedAt", c.openedAt().toString()).put("lastContactAt", c.lastContactAt().toString())
                .put("contactCount", c.contactCount()).put("channels", c.channels())
                .put("status", c.resolvedAt() == null ? "open" : "resolved")
                .put("resolvedAt", c.resolvedAt() == null ? null : c.resolvedAt().toString());
    }
}

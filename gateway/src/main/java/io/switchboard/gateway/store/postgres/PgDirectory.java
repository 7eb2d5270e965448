package io.switchboard.gateway.store.postgres;

import io.switchboard.gateway.internal.Ids;
import io.switchboard.gateway.store.StoreDirectory;
import io.switchboard.gateway.store.internal.Undo;
import io.switchboard.spi.contact.ContactJson;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.service.LinkRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The customer directory in the PostgreSQL store, shared by every gateway instance on the database. */
final class PgDirectory implements StoreDirectory {

    private static final String DECISION_COLUMNS = "SELECT id, tenant, contact_id, customer_id, candidates, level, "
            + "method, evidence, created_at, undone_at FROM identity_decisions";

    private final PgContactStore store;

    PgDirectory(PgContactStore store) {
        this.store = store;
    }

    @Override
    public Future<List<CustomerRecord>> findByIdentifier(String tenant, Identifier identifier) {
        return store.onConnection(conn -> conn.preparedQuery("SELECT DISTINCT customer_id FROM customer_identifiers "
                        + "WHERE tenant = $1 AND type = $2 AND value = $3 ORDER BY customer_id")
                .execute(Tuple.of(tenant, identifier.type(), identifier.value()))
                .compose(rows -> {
                    List<Future<CustomerRecord>> found = new ArrayList<>();
                    for (Row r : rows) {
                        found.add(customer(conn, tenant, r.getString(0)));
                    }
                    return Future.all(found).map(all -> {
                        List<CustomerRecord> out = new ArrayList<>();
                        for (int i = 0; i < all.size(); i++) {
                            CustomerRecord c = all.resultAt(i);
                            if (c != null) {
                                out.add(c);
                            }
                        }
                        return out;
                    });
                }));
    }

    @Override
    public Future<CustomerRecord> get(String tenant, String id) {
        return store.onConnection(conn -> customer(conn, tenant, id));
    }

    private static Future<CustomerRecord> customer(SqlConnection conn, String tenant, String id) {
        return conn.preparedQuery("SELECT c.name, c.tier, i.type, i.value FROM customers c LEFT JOIN "
                        + "customer_identifiers i ON i.tenant = c.tenant AND i.customer_id = c.id "
                        + "WHERE c.tenant = $1 AND c.id = $2 ORDER BY i.type, i.value")
                .execute(Tuple.of(tenant, id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    String name = null;
                    String tier = null;
                    List<Identifier> identifiers = new ArrayList<>();
                    for (Row r : rows) {
                        name = r.getString(0);
                        tier = r.getString(1);
                        if (r.getString(2) != null) {
                            identifiers.add(new Identifier(r.getString(2), r.getString(3)));
                        }
                    }
                    return new CustomerRecord(tenant, id, name, tier, identifiers);
                });
    }

    @Override
    public Future<Void> upsert(CustomerRecord customer) {
        long now = System.currentTimeMillis();
        return store.inTransaction(conn -> conn.preparedQuery("INSERT INTO customers (tenant, id, name, tier, "
                        + "updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant, id) DO UPDATE SET "
                        + "name = excluded.name, tier = excluded.tier, updated_at = excluded.updated_at")
                .execute(Tuple.of(customer.tenant(), customer.id(), customer.name(), customer.tier(), now))
                // Seeded identifiers are replaced; those attached by links stay (they are undone through their link).
                .compose(v -> conn.preparedQuery("DELETE FROM customer_identifiers WHERE tenant = $1 "
                        + "AND customer_id = $2 AND link_id IS NULL").execute(Tuple.of(customer.tenant(), customer.id())))
                .compose(v -> {
                    if (customer.identifiers().isEmpty()) {
                        return Future.succeededFuture();
                    }
                    List<Tuple> rows = new ArrayList<>();
                    for (Identifier id : customer.identifiers()) {
                        rows.add(Tuple.of(customer.tenant(), id.type(), id.value(), customer.id()));
                    }
                    return conn.preparedQuery("INSERT INTO customer_identifiers (tenant, type, value, customer_id, "
                                    + "link_id) VALUES ($1, $2, $3, $4, NULL) ON CONFLICT (tenant, type, value, customer_id) "
                                    + "DO UPDATE SET link_id = NULL")
                            .executeBatch(rows).mapEmpty();
                })
                .mapEmpty());
    }

    @Override
    public Future<LinkRecord> record(LinkRecord record, List<Identifier> identifiers) {
        LinkRecord r = new LinkRecord(record.id() == null ? Ids.newId() : record.id(), record.tenant(),
                record.contactId(), record.customerId(), record.candidates(), record.level(), record.method(),
                record.evidence(), record.createdAt() == null ? Instant.now() : record.createdAt(), null);
        return store.inTransaction(conn -> conn.preparedQuery("INSERT INTO identity_decisions (id, tenant, contact_id, "
                        + "customer_id, candidates, level, method, evidence, created_at) VALUES ($1, $2, $3, $4, $5::jsonb, "
                        + "$6, $7, $8, $9) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.from(new Object[] {r.id(), r.tenant(), r.contactId(), r.customerId(),
                        new JsonArray(new ArrayList<>(r.candidates())), r.level().name(), r.method(),
                        r.evidence(), r.createdAt().toEpochMilli()}))
                .compose(rs -> {
                    if (rs.rowCount() == 0) {
                        return decision(conn, r.id());
                    }
                    if (!r.isLink() || identifiers == null || identifiers.isEmpty()) {
                        return Future.succeededFuture(r);
                    }
                    // An identifier the customer already has stays the customer's own: undoing this link keeps it.
                    List<Tuple> rows = new ArrayList<>();
                    for (Identifier id : identifiers) {
                        rows.add(Tuple.of(r.tenant(), id.type(), id.value(), r.customerId(), r.id()));
                    }
                    return conn.preparedQuery("INSERT INTO customer_identifiers (tenant, type, value, customer_id, "
                                    + "link_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
                            .executeBatch(rows).map(r);
                }));
    }

    @Override
    public Future<List<LinkRecord>> decisionsFor(String tenant, String contactId) {
        return store.onConnection(conn -> conn.preparedQuery(DECISION_COLUMNS
                        + " WHERE tenant = $1 AND contact_id = $2 ORDER BY id DESC")
                .execute(Tuple.of(tenant, contactId)).map(PgDirectory::decisions));
    }

    @Override
    public Future<LinkRecord> decision(String linkId) {
        return store.onConnection(conn -> decision(conn, linkId));
    }

    @Override
    public Future<LinkRecord> undo(String linkId, Instant now) {
        return store.inTransaction(conn -> conn.preparedQuery(DECISION_COLUMNS + " WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(linkId))
                .compose(rows -> {
                    List<LinkRecord> found = decisions(rows);
                    LinkRecord r = found.isEmpty() ? null : found.get(0);
                    if (r == null || !r.isLink() || r.undoneAt() != null) {
                        return Future.succeededFuture(r);
                    }
                    return conn.preparedQuery("UPDATE identity_decisions SET undone_at = $1 WHERE id = $2")
                            .execute(Tuple.of(now.toEpochMilli(), linkId))
                            .compose(v -> conn.preparedQuery("DELETE FROM customer_identifiers WHERE link_id = $1")
                                    .execute(Tuple.of(linkId)))
                            .compose(v -> conn.preparedQuery("SELECT doc FROM contacts WHERE id = $1 AND customer_id = $2 "
                                    + "FOR UPDATE").execute(Tuple.of(r.contactId(), r.customerId())))
                            .compose(docs -> {
                                if (docs.size() == 0) {
                                    return Future.succeededFuture();
                                }
                                Object doc = docs.iterator().next().getValue(0);
                                JsonObject json = doc instanceof JsonObject o ? o : new JsonObject(String.valueOf(doc));
                                return conn.preparedQuery("UPDATE contacts SET customer_id = NULL, doc = $1::jsonb "
                                                + "WHERE id = $2")
                                        .execute(Tuple.of(ContactJson.toJson(Undo.unlink(ContactJson.fromJson(json))),
                                                r.contactId()));
                            })
                            .compose(v -> decision(conn, linkId));
                }));
    }

    private static Future<LinkRecord> decision(SqlConnection conn, String id) {
        return conn.preparedQuery(DECISION_COLUMNS + " WHERE id = $1").execute(Tuple.of(id)).map(rows -> {
            List<LinkRecord> l = decisions(rows);
            return l.isEmpty() ? null : l.get(0);
        });
    }

    private static List<LinkRecord> decisions(RowSet<Row> rows) {
        List<LinkRecord> out = new ArrayList<>();
        for (Row r : rows) {
            Object c = r.getValue(4);
            JsonArray arr = c instanceof JsonArray a ? a : new JsonArray(String.valueOf(c));
            List<String> candidates = new ArrayList<>();
            arr.forEach(v -> candidates.add(String.valueOf(v)));
            Long undone = r.getLong(9);
            out.add(new LinkRecord(r.getString(0), r.getString(1), r.getString(2), r.getString(3), candidates,
                    MatchLevel.valueOf(r.getString(5)), r.getString(6), r.getString(7),
                    Instant.ofEpochMilli(r.getLong(8)), undone == null ? null : Instant.ofEpochMilli(undone)));
        }
        return out;
    }
}

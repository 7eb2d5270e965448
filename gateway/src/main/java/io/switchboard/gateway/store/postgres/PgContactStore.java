package io.switchboard.gateway.store.postgres;

import io.switchboard.gateway.config.StoreConfig;
import io.switchboard.gateway.delivery.OrderingKeys;
import io.switchboard.gateway.internal.Ids;
import io.switchboard.gateway.store.ContactQuery;
import io.switchboard.gateway.store.ContactStore;
import io.switchboard.gateway.store.DeliveryOutcome;
import io.switchboard.gateway.store.DeliveryState;
import io.switchboard.gateway.store.OutboxEntry;
import io.switchboard.gateway.store.RawPayload;
import io.switchboard.gateway.store.StoreDirectory;
import io.switchboard.gateway.store.StoreException;
import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gateway's own store on PostgreSQL (vertx-pg-client, non-blocking), for several gateway instances behind
 * a load balancer sharing one database: de-duplication by a unique index on (channel, provider event id),
 * outbox work claimed with {@code FOR UPDATE SKIP LOCKED} plus a lease, so no delivery runs twice at once.
 * The schema is created and migrated at start-up under an advisory lock.
 */
public final class PgContactStore implements ContactStore {

    private static final Logger LOG = LoggerFactory.getLogger(PgContactStore.class);

    private final Pool pool;
    private volatile boolean closed;
    private final PgDirectory directory = new PgDirectory(this);
    private final PgConversations conversations = new PgConversations(this);

    private PgContactStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Connects and migrates.
     *
     * @param vertx  the Vert.x instance
     * @param config the store configuration ({@code store.postgres})
     * @return the open store
     */
    public static Future<PgContactStore> open(Vertx vertx, StoreConfig config) {
        StoreConfig.PostgresConfig pg = config.postgres();
        PgConnectOptions connect = new PgConnectOptions().setHost(pg.host()).setPort(pg.port())
                .setDatabase(pg.database()).setUser(pg.user()).setCachePreparedStatements(true)
                .setPipeliningLimit(256);
        if (pg.password() != null) {
            connect.setPassword(pg.password());
        }
        connect.addProperty("search_path", pg.schema());
        connect.addProperty("application_name", "switchboard-gateway");
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(pg.poolSize())
                        .setMaxWaitQueueSize(config.maxQueue()))
                .connectingTo(connect).using(vertx).build();
        return PgMigrations.apply(pool, pg.schema())
                .map(v -> {
                    LOG.atInfo().setMessage("postgres store open").addKeyValue("host", pg.host())
                            .addKeyValue("database", pg.database()).addKeyValue("schema", pg.schema()).log();
                    return new PgContactStore(pool);
                })
                .recover(e -> pool.close().transform(x -> Future.failedFuture(
                        StoreException.unavailable("cannot open postgres store: " + e.getMessage(), e))));
    }

    private <T> Future<T> guard(Future<T> f) {
        return f.recover(e -> Future.failedFuture(e instanceof StoreException ? e
                : e.getMessage() != null && e.getMessage().contains("wait queue is full")
                ? StoreException.overloaded("connection wait queue is full")
                : StoreException.unavailable("postgres store: " + e.getMessage(), e)));
    }

    /**
     * Runs work in one transaction; for the store's services.
     *
     * @param work the work
     * @param <T>  its result
     * @return the result once committed
     */
    <T> Future<T> inTransaction(java.util.function.Function<SqlConnection, Future<T>> work) {
        return open().compose(x -> guard(pool.withTransaction(work)));
    }

    /**
     * Runs work on one connection; for the store's services.
     *
     * @param work the work
     * @param <T>  its result
     * @return the result
     */
    <T> Future<T> onConnection(java.util.function.Function<SqlConnection, Future<T>> work) {
        return open().compose(x -> guard(pool.withConnection(work)));
    }

    @Override
    public StoreDirectory directory() {
        return directory;
    }

    @Override
    public io.switchboard.spi.service.Conversations conversations() {
        return conversations;
    }

    private Future<Void> open() {
        return closed ? Future.failedFuture(StoreException.unavailable("store is closed", null)) : Future.succeededFuture();
    }

    @Override
    public Future<List<Accepted>> accept(RawPayload raw, List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return open().compose(x -> guard(pool.withTransaction(conn -> {
            List<Tuple> rows = new ArrayList<>(contacts.size());
            for (Contact c : contacts) {
                rows.add(Tuple.of(c.id(), c.channel().id(), c.provider().eventId(), c.tenant(),
                        c.kind().name().toLowerCase(Locale.ROOT), status(c),
                        c.customer() == null ? null : c.customer().customerId(), c.conversationKey(),
                        c.receivedAt().toEpochMilli(), c.raw() == null ? null : c.raw().id(),
                        ContactJson.toJson(c).encode()));
            }
            return conn.preparedQuery("INSERT INTO contacts (id, channel_id, event_id, tenant, kind, status, customer_id, "
                            + "conversation_key, received_at, raw_id, doc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                            + "$11::jsonb) ON CONFLICT (channel_id, event_id) DO NOTHING RETURNING id")
                    .executeBatch(rows)
                    .compose(rs -> resolve(conn, contacts, rs))
                    .compose(accepted -> accepted.stream().anyMatch(a -> !a.duplicate())
                            ? conn.preparedQuery("INSERT INTO raw_payloads (id, channel_id, received_at, method, "
                                    + "content_type, query, headers, body) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) "
                                    + "ON CONFLICT (id) DO NOTHING")
                            .execute(Tuple.of(raw.id(), raw.channelId(), raw.receivedAt().toEpochMilli(), raw.method(),
                                    raw.contentType(), raw.query(), raw.headers().encode(), raw.body()))
                            .map(accepted)
                            : Future.succeededFuture(accepted));
        })));
    }

    private static Future<List<Accepted>> resolve(SqlConnection conn, List<Contact> contacts, RowSet<Row> first) {
        List<Boolean> inserted = new ArrayList<>(contacts.size());
        RowSet<Row> rs = first;
        for (int i = 0; i < contacts.size(); i++) {
            inserted.add(rs != null && rs.rowCount() == 1);
            rs = rs == null ? null : rs.next();
        }
        List<Accepted> out = new ArrayList<>(contacts.size());
        Future<Void> chain = Future.succeededFuture();
        Map<String, String> firstInBatch = new HashMap<>();
        for (int i = 0; i < contacts.size(); i++) {
            Contact c = contacts.get(i);
            if (inserted.get(i)) {
                out.add(new Accepted(c, c.id(), false));
                firstInBatch.put(c.provider().eventId(), c.id());
                continue;
            }
            int idx = out.size();
            out.add(null);
            chain = chain.compose(v -> {
                String local = firstInBatch.get(c.provider().eventId());
                if (local != null) {
                    out.set(idx, new Accepted(c, local, true));
                    return Future.succeededFuture();
                }
                return conn.preparedQuery("SELECT id FROM contacts WHERE channel_id = $1 AND event_id = $2")
                        .execute(Tuple.of(c.channel().id(), c.provider().eventId()))
                        .compose(r -> {
                            if (r.size() == 0) {
                                return Future.failedFuture(new IllegalStateException("conflicting contact vanished"));
                            }
                            out.set(idx, new Accepted(c, r.iterator().next().getString(0), true));
                            return Future.succeededFuture();
                        });
            });
        }
        return chain.map(v -> out);
    }

    @Override
    public Future<Void> update(Contact contact) {
        return open().compose(x -> guard(pool.withConnection(conn -> updateRow(conn, contact))));
    }

    private static Future<Void> updateRow(SqlConnection conn, Contact contact) {
        return conn.preparedQuery("UPDATE contacts SET status = $1, customer_id = $2, conversation_key = $3, "
                        + "doc = $4::jsonb WHERE id = $5")
                .execute(Tuple.of(status(contact), contact.customer() == null ? null : contact.customer().customerId(),
                        contact.conversationKey(), ContactJson.toJson(contact).encode(), contact.id()))
                .compose(r -> r.rowCount() == 1 ? Future.<Void>succeededFuture()
                        : Future.failedFuture(StoreException.unavailable("no stored contact with id " + contact.id(), null)));
    }

    @Override
    public Future<Void> complete(Contact contact, List<String> sinks) {
        long now = System.currentTimeMillis();
        return open().compose(x -> guard(pool.withTransaction(conn -> updateRow(conn, contact).compose(v -> {
            if (sinks.isEmpty()) {
                return Future.succeededFuture();
            }
            String key = OrderingKeys.of(contact);
            List<Tuple> rows = new ArrayList<>();
            for (String sink : sinks) {
                rows.add(Tuple.of(Ids.newId(), contact.id(), sink, key, now));
            }
            return conn.preparedQuery("INSERT INTO outbox (id, contact_id, sink, state, ordering_key, attempts, "
                            + "created_at, cycle_started_at, next_attempt_at, updated_at) "
                            + "VALUES ($1, $2, $3, 'pending', $4, 0, $5, $5, $5, $5) ON CONFLICT (contact_id, sink) DO NOTHING")
                    .executeBatch(rows).mapEmpty();
        }))));
    }

    @Override
    public Future<List<OutboxEntry>> claim(String sink, int limit, boolean ordered, Instant now, Duration lease) {
        long n = now.toEpochMilli();
        String sql = "UPDATE outbox o SET claimed_until = $3 FROM contacts c WHERE c.id = o.contact_id AND o.id IN ("
                + "SELECT id FROM outbox q WHERE q.sink = $1 AND q.state = 'pending' AND q.next_attempt_at <= $2 "
                + "AND q.claimed_until <= $2 "
                + (ordered ? "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.sink = q.sink AND p.state = 'pending' "
                + "AND p.ordering_key = q.ordering_key AND p.contact_id < q.contact_id) " : "")
                + "ORDER BY q.contact_id LIMIT $4 FOR UPDATE SKIP LOCKED) "
                + "RETURNING o.id, o.attempts, o.created_at, o.cycle_started_at, o.contact_id, c.doc";
        return open().compose(x -> guard(pool.preparedQuery(sql)
                .execute(Tuple.of(sink, n, n + lease.toMillis(), limit))
                .map(rows -> {
                    List<OutboxEntry> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(new OutboxEntry(r.getString(0), sink, ContactJson.fromJson(jsonb(r.getValue(5))),
                                r.getInteger(1), Instant.ofEpochMilli(r.getLong(2)), Instant.ofEpochMilli(r.getLong(3))));
                    }
                    out.sort(java.util.Comparator.comparing(e -> e.contact().id()));
                    return out;
                })));
    }

    private static JsonObject jsonb(Object v) {
        if (v instanceof JsonObject o) {
            return o;
        }
        return new JsonObject(String.valueOf(v));
    }

    @Override
    public Future<Void> recordOutcomes(List<DeliveryOutcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return Future.succeededFuture();
        }
        long n = now.toEpochMilli();
        List<Tuple> rows = new ArrayList<>(outcomes.size());
        for (DeliveryOutcome o : outcomes) {
            rows.add(Tuple.of(o.state(), o.attempts(), o.nextAttemptAt() == null ? n : o.nextAttemptAt().toEpochMilli(),
                    n, o.lastError(), o.externalRef(), o.id()));
        }
        return open().compose(x -> guard(pool.preparedQuery("UPDATE outbox SET state = $1, attempts = $2, "
                        + "next_attempt_at = $3, claimed_until = 0, updated_at = $4, last_error = $5, "
                        + "external_ref = COALESCE($6, external_ref) WHERE id = $7")
                .executeBatch(rows).mapEmpty()));
    }

    private static final String DELIVERY_COLUMNS = "SELECT id, contact_id, sink, state, attempts, created_at, "
            + "updated_at, next_attempt_at, last_error, external_ref FROM outbox";

    private static List<DeliveryState> states(RowSet<Row> rows) {
        List<DeliveryState> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new DeliveryState(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getInteger(4),
                    Instant.ofEpochMilli(r.getLong(5)), Instant.ofEpochMilli(r.getLong(6)),
                    Instant.ofEpochMilli(r.getLong(7)), r.getString(8), r.getString(9)));
        }
        return out;
    }

    @Override
    public Future<List<DeliveryState>> deliveries(String contactId) {
        return open().compose(x -> guard(pool.preparedQuery(DELIVERY_COLUMNS + " WHERE contact_id = $1 ORDER BY sink")
                .execute(Tuple.of(contactId)).map(PgContactStore::states)));
    }

    @Override
    public Future<List<DeliveryState>> deadLetters(String sink, Instant from, Instant to, String before, int limit) {
        Filter f = new Filter(DELIVERY_COLUMNS + " WHERE state = 'dead'");
        f.and("sink = ", sink).and("updated_at >= ", from == null ? null : from.toEpochMilli())
                .and("updated_at < ", to == null ? null : to.toEpochMilli()).and("id < ", before);
        return open().compose(x -> guard(pool.preparedQuery(f.sql + " ORDER BY id DESC LIMIT $" + (f.args.size() + 1))
                .execute(f.args.addValue(limit)).map(PgContactStore::states)));
    }

    @Override
    public Future<Integer> replay(String deliveryId, String sink, Instant from, Instant to, Instant now) {
        long n = now.toEpochMilli();
        Filter f = new Filter("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = " + n
                + ", cycle_started_at = " + n + ", claimed_until = 0, updated_at = " + n
                + ", last_error = NULL WHERE state = 'dead'");
        f.and("id = ", deliveryId).and("sink = ", sink).and("updated_at >= ", from == null ? null : from.toEpochMilli())
                .and("updated_at < ", to == null ? null : to.toEpochMilli());
        return open().compose(x -> guard(pool.preparedQuery(f.sql).execute(f.args).map(RowSet::rowCount)));
    }

    @Override
    public Future<Long> pendingDeliveries() {
        return open().compose(x -> guard(pool.query("SELECT count(*) FROM outbox WHERE state = 'pending'").execute()
                .map(rs -> rs.iterator().next().getLong(0))));
    }

    @Override
    public Future<Contact> get(String id) {
        return open().compose(x -> guard(pool.preparedQuery("SELECT doc FROM contacts WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rs -> rs.size() == 0 ? null : ContactJson.fromJson(jsonb(rs.iterator().next().getValue(0))))));
    }

    @Override
    public Future<List<Contact>> list(ContactQuery q) {
        Filter f = new Filter("SELECT doc FROM contacts WHERE true");
        f.and("channel_id = ", q.channel()).and("customer_id = ", q.customerId())
                .and("event_id = ", q.providerEventId())
                .and("received_at >= ", q.since() == null ? null : q.since().toEpochMilli())
                .and("id < ", q.before());
        return open().compose(x -> guard(pool.preparedQuery(f.sql + " ORDER BY id DESC LIMIT $" + (f.args.size() + 1))
                .execute(f.args.addValue(q.limit())).map(PgContactStore::contacts)));
    }

    private static List<Contact> contacts(RowSet<Row> rows) {
        List<Contact> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(ContactJson.fromJson(jsonb(r.getValue(0))));
        }
        return out;
    }

    @Override
    public Future<RawPayload> raw(String id) {
        return open().compose(x -> guard(pool.preparedQuery("SELECT channel_id, received_at, method, content_type, "
                        + "query, headers, body FROM raw_payloads WHERE id = $1").execute(Tuple.of(id))
                .map(rs -> {
                    if (rs.size() == 0) {
                        return null;
                    }
                    Row r = rs.iterator().next();
                    return new RawPayload(id, r.getString(0), Instant.ofEpochMilli(r.getLong(1)), r.getString(2),
                            r.getString(3), r.getString(4), jsonb(r.getValue(5)), r.getBuffer(6));
                })));
    }

    @Override
    public Future<List<Contact>> unfinished(String afterId, Instant receivedBefore, int limit) {
        return open().compose(x -> guard(pool.preparedQuery("SELECT doc FROM contacts WHERE status = 'accepted' "
                        + "AND id > $1 AND received_at < $2 ORDER BY id LIMIT $3")
                .execute(Tuple.of(afterId == null ? "" : afterId,
                        receivedBefore == null ? Long.MAX_VALUE : receivedBefore.toEpochMilli(), limit))
                .map(PgContactStore::contacts)));
    }

    @Override
    public Future<List<Contact>> parked(String chain, String step, String afterId, int limit) {
        Filter f = new Filter("SELECT doc FROM contacts WHERE status = 'parked'");
        // Documents are written as JSON text bound to jsonb (a jsonb string); #>> '{}' reads either form as text.
        f.and("id > ", afterId == null ? "" : afterId)
                .and("(doc #>> '{}')::jsonb->'processing'->>'chain' = ", chain)
                .and("(doc #>> '{}')::jsonb->'processing'->>'nextStep' = ", step);
        return open().compose(x -> guard(pool.preparedQuery(f.sql + " ORDER BY id LIMIT $" + (f.args.size() + 1))
                .execute(f.args.addValue(limit)).map(PgContactStore::contacts)));
    }

    @Override
    public Future<Void> ping() {
        return open().compose(x -> guard(pool.query("SELECT 1").execute().mapEmpty()));
    }

    @Override
    public int pendingWrites() {
        return 0;
    }

    @Override
    public Future<Void> close() {
        closed = true;
        return pool.close();
    }

    private static String status(Contact c) {
        return c.processing().status().name().toLowerCase(Locale.ROOT);
    }

    /** Builds a WHERE clause from optional filters, numbering parameters. */
    private static final class Filter {
        private String sql;
        private final Tuple args = Tuple.tuple();

        Filter(String sql) {
            this.sql = sql;
        }

        Filter and(String condition, Object value) {
            if (value != null) {
                args.addValue(value);
                sql = sql + " AND " + condition + "$" + args.size();
            }
            return this;
        }
    }

}

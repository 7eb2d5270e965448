package io.switchboard.gateway.sink.postgres;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.Delivery;
import io.switchboard.spi.sink.DeliveryResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes each batch in one transaction, as pipelined statement batches (vertx-pg-client sends every row of a
 * batch before reading the answers): the contacts first ({@code ON CONFLICT (contact_id) DO NOTHING}), then,
 * for the contacts that were new only, their customer, identities and conversation. A redelivery therefore
 * changes nothing, and a counter never counts one contact twice.
 *
 * <p>A batch the database refuses for its data (SQLSTATE classes 22, 23, 54: a NUL character, a value too long
 * for an index) is retried contact by contact, so that only the refused contact becomes a dead letter. Any other
 * failure (connection lost, database down) fails the batch, which the outbox retries.
 */
final class PostgresSink implements ContactSink {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);

    /**
     * Connection settings.
     *
     * @param host           host
     * @param port           port
     * @param database       database
     * @param user           user
     * @param password       password or null
     * @param schema         the sink's schema
     * @param poolSize       connections
     * @param connectTimeout connect timeout
     */
    record Settings(String host, int port, String database, String user, String password, String schema, int poolSize,
                    Duration connectTimeout) {
    }

    private static final String INSERT_CONTACT = """
            INSERT INTO contacts (contact_id, tenant, schema_version, channel_id, channel_type, kind, visibility, provider,
              provider_event_id, occurred_at, received_at, customer_id, conversation_key, priority_band, priority_score,
              trace_id, contact)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb)
            ON CONFLICT (contact_id) DO NOTHING RETURNING contact_id""";

    private static final String UPSERT_CUSTOMER = """
            INSERT INTO customers (tenant, customer_id, first_contact_at, last_contact_at, contact_count)
            VALUES ($1, $2, $3, $3, 1)
            ON CONFLICT (tenant, customer_id) DO UPDATE SET
              first_contact_at = least(customers.first_contact_at, excluded.first_contact_at),
              last_contact_at = greatest(customers.last_contact_at, excluded.last_contact_at),
              contact_count = customers.contact_count + 1""";

    private static final String UPSERT_IDENTITY = """
            INSERT INTO identities (tenant, kind, value, customer_id, first_seen_at, last_seen_at, contact_count)
            VALUES ($1, $2, $3, $4, $5, $5, 1)
            ON CONFLICT (tenant, kind, value) DO UPDATE SET
              customer_id = coalesce(excluded.customer_id, identities.customer_id),
              first_seen_at = least(identities.first_seen_at, excluded.first_seen_at),
              last_seen_at = greatest(identities.last_seen_at, excluded.last_seen_at),
              contact_count = identities.contact_count + 1""";

    private static final String INSERT_CONTACT_IDENTITY = """
            INSERT INTO contact_identities (contact_id, tenant, kind, value) VALUES ($1, $2, $3, $4)
            ON CONFLICT DO NOTHING""";

    private static final String UPSERT_CONVERSATION = """
            INSERT INTO conversations (tenant, conversation_key, customer_id, opened_at, last_contact_at, contact_count,
              channels)
            VALUES ($1, $2, $3, $4, $4, 1, ARRAY[$5::text])
            ON CONFLICT (tenant, conversation_key) DO UPDATE SET
              customer_id = coalesce(excluded.customer_id, conversations.customer_id),
              opened_at = least(conversations.opened_at, excluded.opened_at),
              last_contact_at = greatest(conversations.last_contact_at, excluded.last_contact_at),
              contact_count = conversations.contact_count + 1,
              channels = CASE WHEN $5::text = ANY (conversations.channels) THEN conversations.channels
                              ELSE conversations.channels || $5::text END""";

    private final String name;
    private final Settings settings;
    private final Pool pool;
    private Future<Integer> migrated;
    private volatile boolean closed;

    private PostgresSink(String name, Settings settings, Pool pool) {
        this.name = name;
        this.settings = settings;
        this.pool = pool;
    }

    /**
     * Connects and migrates the schema. A database that cannot be reached does not stop the sink from starting
     * (the schema is migrated before the first delivery); a schema it cannot use (newer than this gateway's,
     * permission denied) does.
     *
     * @param vertx    Vert.x
     * @param name     the sink's name
     * @param settings the settings
     * @return the sink
     */
    static Future<PostgresSink> start(Vertx vertx, String name, Settings settings) {
        PgConnectOptions connect = new PgConnectOptions().setHost(settings.host()).setPort(settings.port())
                .setDatabase(settings.database()).setUser(settings.user()).setCachePreparedStatements(true)
                .setPipeliningLimit(256);
        if (settings.password() != null) {
            connect.setPassword(settings.password());
        }
        connect.addProperty("search_path", settings.schema());
        connect.addProperty("application_name", "switchboard-sink-" + name);
        int connectMs = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(settings.poolSize()).setMaxWaitQueueSize(64)
                        .setConnectionTimeout(connectMs).setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS))
                .with(new NetClientOptions().setConnectTimeout(connectMs))
                .connectingTo(connect).using(vertx).build();
        PostgresSink sink = new PostgresSink(name, settings, pool);
        return sink.migrate().map(sink).recover(e -> {
            if (e instanceof PgException || e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
                return pool.close().transform(x -> Future.failedFuture(new IllegalStateException(
                        "postgres sink schema " + settings.schema() + ": " + describe(e), e)));
            }
            LOG.atWarn().setMessage("postgres sink target unreachable at start-up; deliveries wait in the outbox")
                    .addKeyValue("sink", name).addKeyValue("error", e.getClass().getSimpleName()).log();
            return Future.succeededFuture(sink);
        });
    }

    private Future<Integer> migrate() {
        Future<Integer> m = migrated;
        if (m == null || m.failed()) {
            m = PostgresSinkSchema.MIGRATOR.apply(pool, settings.schema()).onSuccess(before -> {
                if (before < PostgresSinkSchema.MIGRATOR.latestVersion()) {
                    LOG.atInfo().setMessage("postgres sink schema migrated").addKeyValue("sink", name)
                            .addKeyValue("schema", settings.schema()).addKeyValue("from", before)
                            .addKeyValue("to", PostgresSinkSchema.MIGRATOR.latestVersion()).log();
                }
            });
            migrated = m;
        }
        return m;
    }

    @Override
    public Future<List<DeliveryResult>> deliver(List<Delivery> batch) {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("sink " + name + " is closed"));
        }
        if (batch.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return migrate().compose(v -> pool.withTransaction(conn -> write(conn, batch)))
                .map(v -> batch.stream().map(d -> DeliveryResult.delivered(null)).toList())
                .recover(e -> !refusedData(e) ? Future.failedFuture(e)
                        : batch.size() == 1 ? Future.succeededFuture(List.of(refused((PgException) e)))
                        : oneByOne(batch));
    }

    private Future<List<DeliveryResult>> oneByOne(List<Delivery> batch) {
        List<DeliveryResult> results = new ArrayList<>(batch.size());
        Future<Void> chain = Future.succeededFuture();
        for (Delivery d : batch) {
            chain = chain.compose(x -> pool.withTransaction(conn -> write(conn, List.of(d)))
                    .map(v -> DeliveryResult.delivered(null))
                    .recover(e -> Future.succeededFuture(refusedData(e) ? refused((PgException) e)
                            : DeliveryResult.retry(describe(e), null)))
                    .map(r -> {
                        results.add(r);
                        return null;
                    }));
        }
        return chain.map(v -> results);
    }

    private static DeliveryResult refused(PgException e) {
        return DeliveryResult.failed("database refused the contact: SQLSTATE " + e.getSqlState());
    }

    private static boolean refusedData(Throwable e) {
        if (e instanceof PgException pg && pg.getSqlState() != null) {
            String cls = pg.getSqlState().substring(0, Math.min(2, pg.getSqlState().length()));
            return cls.equals("22") || cls.equals("23") || cls.equals("54");
        }
        return false;
    }

    /** Never the server's message: it can quote the offending value. */
    private static String describe(Throwable e) {
        if (e instanceof PgException pg) {
            return "SQLSTATE " + pg.getSqlState();
        }
        return e.getMessage() == null || e.getMessage().length() > 200 ? e.getClass().getSimpleName() : e.getMessage();
    }

    private Future<Void> write(SqlConnection conn, List<Delivery> batch) {
        List<Tuple> rows = new ArrayList<>(batch.size());
        for (Delivery d : batch) {
            rows.add(contactRow(d.contact()));
        }
        return conn.preparedQuery(INSERT_CONTACT).executeBatch(rows).compose(rs -> {
            List<Contact> fresh = new ArrayList<>();
            RowSet<Row> r = rs;
            for (Delivery d : batch) {
                if (r != null && r.rowCount() == 1) {
                    fresh.add(d.contact());
                }
                r = r == null ? null : r.next();
            }
            return related(conn, fresh);
        });
    }

    private static Future<Void> related(SqlConnection conn, List<Contact> fresh) {
        if (fresh.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> customers = new ArrayList<>();
        List<Tuple> identities = new ArrayList<>();
        List<Tuple> links = new ArrayList<>();
        List<Tuple> conversations = new ArrayList<>();
        for (Contact c : fresh) {
            OffsetDateTime at = ts(c.receivedAt());
            String customer = linkedCustomer(c);
            if (customer != null) {
                customers.add(Tuple.of(c.tenant(), customer, at));
            }
            for (Identifier id : identifiers(c.sender())) {
                identities.add(Tuple.of(c.tenant(), id.type(), id.value(), customer, at));
                links.add(Tuple.of(c.id(), c.tenant(), id.type(), id.value()));
            }
            if (c.conversationKey() != null) {
                conversations.add(Tuple.of(c.tenant(), c.conversationKey(), customer, at, c.channel().id()));
            }
        }
        // One lock order for every writer (instances delivering at once) keeps upserts of shared rows deadlock-free.
        customers.sort(Comparator.comparing((Tuple t) -> t.getString(0)).thenComparing(t -> t.getString(1)));
        identities.sort(Comparator.comparing((Tuple t) -> t.getString(0)).thenComparing(t -> t.getString(1))
                .thenComparing(t -> t.getString(2)));
        conversations.sort(Comparator.comparing((Tuple t) -> t.getString(0)).thenComparing(t -> t.getString(1)));
        return batch(conn, UPSERT_CUSTOMER, customers)
                .compose(v -> batch(conn, UPSERT_IDENTITY, identities))
                .compose(v -> batch(conn, INSERT_CONTACT_IDENTITY, links))
                .compose(v -> batch(conn, UPSERT_CONVERSATION, conversations));
    }

    private static Future<Void> batch(SqlConnection conn, String sql, List<Tuple> rows) {
        return rows.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(sql).executeBatch(rows).mapEmpty();
    }

    private static Tuple contactRow(Contact c) {
        return Tuple.from(new Object[] {c.id(), c.tenant(), c.schemaVersion(), c.channel().id(), c.channel().type(),
                enumName(c.kind()), enumName(c.visibility()), c.provider().provider(), c.provider().eventId(),
                c.occurredAt() == null ? null : ts(c.occurredAt()), ts(c.receivedAt()),
                c.customer() == null ? null : c.customer().customerId(), c.conversationKey(),
                c.priority() == null ? null : c.priority().band().name(),
                c.priority() == null ? null : c.priority().score(), c.traceId(), ContactJson.toJson(c)});
    }

    static String linkedCustomer(Contact c) {
        return c.customer() != null && c.customer().linked() ? c.customer().customerId() : null;
    }

    /** The sender's identifiers, normalised as the customer directory stores them. */
    static List<Identifier> identifiers(Party p) {
        List<Identifier> out = new ArrayList<>(3);
        if (p.userId() != null) {
            out.add(new Identifier(Identifier.PROVIDER_USER, p.userId().key()));
        }
        if (p.phone() != null && p.phone().e164() != null) {
            out.add(new Identifier(Identifier.PHONE, p.phone().e164()));
        }
        if (p.email() != null && !p.email().address().isBlank()) {
            out.add(new Identifier(Identifier.EMAIL, p.email().address()));
        }
        return out;
    }

    private static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static String enumName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public Future<Void> close() {
        if (closed) {
            return Future.succeededFuture();
        }
        closed = true;
        return pool.close();
    }
}

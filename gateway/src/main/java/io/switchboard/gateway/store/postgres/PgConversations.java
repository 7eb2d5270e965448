package io.switchboard.gateway.store.postgres;

import io.switchboard.gateway.internal.Ids;
import io.switchboard.spi.service.ConversationRecord;
import io.switchboard.spi.service.Conversations;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;

/**
 * Conversations in the PostgreSQL store. A join takes a transaction-scoped advisory lock on the party, so two
 * contacts of one party arriving together at two gateway instances still join one conversation.
 */
final class PgConversations implements Conversations {

    private static final String COLUMNS = "SELECT c.tenant, c.key, c.party_key, c.opened_at, c.last_contact_at, "
            + "c.contact_count, (SELECT count(DISTINCT channel_id) FROM conversation_contacts m WHERE m.tenant = c.tenant "
            + "AND m.key = c.key), c.resolved_at FROM conversations c";

    private final PgContactStore store;

    PgConversations(PgContactStore store) {
        this.store = store;
    }

    @Override
    public Future<ConversationRecord> join(String tenant, String partyKey, String contactId, String channelId,
                                           String threadId, Instant at, Duration window) {
        long t = at.toEpochMilli();
        return store.inTransaction(conn -> conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))")
                .execute(Tuple.of(tenant, partyKey))
                .compose(v -> conn.preparedQuery("SELECT key FROM conversation_contacts WHERE tenant = $1 AND contact_id = $2")
                        .execute(Tuple.of(tenant, contactId)))
                .compose(already -> {
                    if (already.size() > 0) {
                        // The chain ran again for this contact (a restart): it is in its conversation already.
                        return get(conn, tenant, already.iterator().next().getString(0));
                    }
                    return conn.preparedQuery("SELECT key FROM conversations WHERE tenant = $1 AND party_key = $2 "
                                    + "AND resolved_at IS NULL AND last_contact_at >= $3 ORDER BY last_contact_at DESC LIMIT 1")
                            .execute(Tuple.of(tenant, partyKey, at.minus(window).toEpochMilli()))
                            .compose(open -> {
                                if (open.size() > 0) {
                                    String key = open.iterator().next().getString(0);
                                    return conn.preparedQuery("UPDATE conversations SET contact_count = contact_count + 1, "
                                                    + "last_contact_at = greatest(last_contact_at, $1) WHERE tenant = $2 AND key = $3")
                                            .execute(Tuple.of(t, tenant, key)).map(key);
                                }
                                String key = Ids.newId();
                                return conn.preparedQuery("INSERT INTO conversations (tenant, key, party_key, opened_at, "
                                                + "last_contact_at, contact_count) VALUES ($1, $2, $3, $4, $4, 1)")
                                        .execute(Tuple.of(tenant, key, partyKey, t)).map(key);
                            })
                            .compose(key -> conn.preparedQuery("INSERT INTO conversation_contacts (tenant, contact_id, key, "
                                            + "channel_id) VALUES ($1, $2, $3, $4)")
                                    .execute(Tuple.of(tenant, contactId, key, channelId))
                                    .compose(v -> threadId == null ? Future.succeededFuture()
                                            : conn.preparedQuery("INSERT INTO conversation_threads (tenant, channel_id, "
                                                    + "thread_id, key) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant, channel_id, "
                                                    + "thread_id) DO UPDATE SET key = excluded.key")
                                            .execute(Tuple.of(tenant, channelId, threadId, key)).mapEmpty())
                                    .compose(v -> get(conn, tenant, key)));
                }));
    }

    @Override
    public Future<ConversationRecord> byThread(String tenant, String channelId, String threadId) {
        return store.onConnection(conn -> conn.preparedQuery("SELECT key FROM conversation_threads WHERE tenant = $1 "
                        + "AND channel_id = $2 AND thread_id = $3").execute(Tuple.of(tenant, channelId, threadId))
                .compose(rows -> rows.size() == 0 ? Future.succeededFuture(null)
                        : get(conn, tenant, rows.iterator().next().getString(0))));
    }

    @Override
    public Future<Boolean> resolve(String tenant, String key) {
        return store.onConnection(conn -> conn.preparedQuery("UPDATE conversations SET resolved_at = $1 WHERE tenant = $2 "
                        + "AND key = $3 AND resolved_at IS NULL").execute(Tuple.of(System.currentTimeMillis(), tenant, key))
                .map(rs -> rs.rowCount() == 1));
    }

    @Override
    public Future<ConversationRecord> get(String tenant, String key) {
        return store.onConnection(conn -> get(conn, tenant, key));
    }

    private static Future<ConversationRecord> get(SqlConnection conn, String tenant, String key) {
        return conn.preparedQuery(COLUMNS + " WHERE c.tenant = $1 AND c.key = $2").execute(Tuple.of(tenant, key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    Long resolved = r.getLong(7);
                    return new ConversationRecord(r.getString(0), r.getString(1), r.getString(2),
                            Instant.ofEpochMilli(r.getLong(3)), Instant.ofEpochMilli(r.getLong(4)), r.getInteger(5),
                            r.getLong(6).intValue(), resolved == null ? null : Instant.ofEpochMilli(resolved));
                });
    }
}

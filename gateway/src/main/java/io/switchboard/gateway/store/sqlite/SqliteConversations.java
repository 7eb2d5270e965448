package io.switchboard.gateway.store.sqlite;

import io.switchboard.gateway.internal.Ids;
import io.switchboard.spi.service.ConversationRecord;
import io.switchboard.spi.service.Conversations;
import io.vertx.core.Future;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Conversations in the embedded store. Joins run on the single writer thread, so two contacts of one party
 * arriving together are serialised and join one conversation.
 */
final class SqliteConversations implements Conversations {

    private static final String COLUMNS = "SELECT c.tenant, c.key, c.party_key, c.opened_at, c.last_contact_at, "
            + "c.contact_count, c.channel_count, c.resolved_at FROM conversations c";
    /** The columns of {@link #COLUMNS}, for a {@code RETURNING} clause on {@code conversations}. */
    private static final String RETURNED = "tenant, key, party_key, opened_at, last_contact_at, contact_count, "
            + "channel_count, resolved_at";

    private final SqliteContactStore store;

    SqliteConversations(SqliteContactStore store) {
        this.store = store;
    }

    /**
     * One transaction on the writer: find the party's open conversation (or pick a new key), add the contact to it
     * (a contact already in one, when the chain runs again after a restart, stays where it is), then open the
     * conversation or count the contact in it, returning the counts from that same statement. Four statements for a
     * contact that opens a conversation, five for one that joins, where there were six and seven (the writer runs
     * them for every contact with a chain, so each one counts: loadtest/RESULTS.md).
     */
    @Override
    public Future<ConversationRecord> join(String tenant, String partyKey, String contactId, String channelId,
                                           String threadId, Instant at, Duration window) {
        return store.write(c -> {
            String key = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT key FROM conversations WHERE tenant = ? "
                    + "AND party_key = ? AND resolved_at IS NULL AND last_contact_at >= ? "
                    + "ORDER BY last_contact_at DESC LIMIT 1")) {
                ps.setString(1, tenant);
                ps.setString(2, partyKey);
                ps.setLong(3, at.minus(window).toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        key = rs.getString(1);
                    }
                }
            }
            boolean opens = key == null;
            boolean newChannel = true;
            if (opens) {
                key = Ids.newId();
            } else {
                // Before the contact is added: the index alone answers it.
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM conversation_contacts "
                        + "WHERE tenant = ? AND key = ? AND channel_id = ? LIMIT 1")) {
                    ps.setString(1, tenant);
                    ps.setString(2, key);
                    ps.setString(3, channelId);
                    try (ResultSet rs = ps.executeQuery()) {
                        newChannel = !rs.next();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversation_contacts (tenant, contact_id, key, "
                    + "channel_id) VALUES (?, ?, ?, ?) ON CONFLICT (tenant, contact_id) DO NOTHING")) {
                ps.setString(1, tenant);
                ps.setString(2, contactId);
                ps.setString(3, key);
                ps.setString(4, channelId);
                if (ps.executeUpdate() == 0) {
                    return joinedBefore(c, tenant, contactId);
                }
            }
            long t = at.toEpochMilli();
            ConversationRecord record;
            if (opens) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversations (tenant, key, party_key, "
                        + "opened_at, last_contact_at, contact_count, channel_count) VALUES (?, ?, ?, ?, ?, 1, 1)")) {
                    ps.setString(1, tenant);
                    ps.setString(2, key);
                    ps.setString(3, partyKey);
                    ps.setLong(4, t);
                    ps.setLong(5, t);
                    ps.executeUpdate();
                }
                Instant opened = Instant.ofEpochMilli(t);
                record = new ConversationRecord(tenant, key, partyKey, opened, opened, 1, 1, null);
            } else {
                try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET contact_count = "
                        + "contact_count + 1, channel_count = channel_count + ?, last_contact_at = max(last_contact_at, ?) "
                        + "WHERE tenant = ? AND key = ? RETURNING " + RETURNED)) {
                    ps.setInt(1, newChannel ? 1 : 0);
                    ps.setLong(2, t);
                    ps.setString(3, tenant);
                    ps.setString(4, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new SQLException("conversation " + key + " vanished during a join");
                        }
                        record = record(rs);
                    }
                }
            }
            if (threadId != null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversation_threads (tenant, channel_id, "
                        + "thread_id, key) VALUES (?, ?, ?, ?) ON CONFLICT (tenant, channel_id, thread_id) "
                        + "DO UPDATE SET key = excluded.key WHERE conversation_threads.key <> excluded.key")) {
                    ps.setString(1, tenant);
                    ps.setString(2, channelId);
                    ps.setString(3, threadId);
                    ps.setString(4, key);
                    ps.executeUpdate();
                }
            }
            return record;
        });
    }

    /** The conversation of a contact that joined one before: nothing changes. */
    private static ConversationRecord joinedBefore(Connection c, String tenant, String contactId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT key FROM conversation_contacts "
                + "WHERE tenant = ? AND contact_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, contactId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("conversation membership of " + contactId + " vanished during a join");
                }
                return get(c, tenant, rs.getString(1));
            }
        }
    }

    @Override
    public Future<ConversationRecord> byThread(String tenant, String channelId, String threadId) {
        return store.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT key FROM conversation_threads WHERE tenant = ? "
                    + "AND channel_id = ? AND thread_id = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, channelId);
                ps.setString(3, threadId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? get(c, tenant, rs.getString(1)) : null;
                }
            }
        });
    }

    @Override
    public Future<Boolean> resolve(String tenant, String key) {
        long now = System.currentTimeMillis();
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET resolved_at = ? WHERE tenant = ? "
                    + "AND key = ? AND resolved_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, tenant);
                ps.setString(3, key);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Future<ConversationRecord> get(String tenant, String key) {
        return store.query(c -> get(c, tenant, key));
    }

    private static ConversationRecord get(Connection c, String tenant, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE c.tenant = ? AND c.key = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? record(rs) : null;
            }
        }
    }

    /** A conversation from a row of {@link #COLUMNS} (or {@link #RETURNED}), in their order. */
    private static ConversationRecord record(ResultSet rs) throws SQLException {
        long resolved = rs.getLong(8);
        Instant resolvedAt = rs.wasNull() ? null : Instant.ofEpochMilli(resolved);
        return new ConversationRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6),
                rs.getInt(7), resolvedAt);
    }
}

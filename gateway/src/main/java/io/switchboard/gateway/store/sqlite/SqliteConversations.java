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

    private final SqliteContactStore store;

    SqliteConversations(SqliteContactStore store) {
        this.store = store;
    }

    @Override
    public Future<ConversationRecord> join(String tenant, String partyKey, String contactId, String channelId,
                                           String threadId, Instant at, Duration window) {
        return store.write(c -> {
            String key = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT key FROM conversation_contacts "
                    + "WHERE tenant = ? AND contact_id = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, contactId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        // The chain ran again for this contact (a restart): it is in its conversation already.
                        return get(c, tenant, rs.getString(1));
                    }
                }
            }
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
            long t = at.toEpochMilli();
            if (key == null) {
                key = Ids.newId();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversations (tenant, key, party_key, "
                        + "opened_at, last_contact_at, contact_count, channel_count) VALUES (?, ?, ?, ?, ?, 1, 1)")) {
                    ps.setString(1, tenant);
                    ps.setString(2, key);
                    ps.setString(3, partyKey);
                    ps.setLong(4, t);
                    ps.setLong(5, t);
                    ps.executeUpdate();
                }
            } else {
                boolean newChannel;
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM conversation_contacts "
                        + "WHERE tenant = ? AND key = ? AND channel_id = ? LIMIT 1")) {
                    ps.setString(1, tenant);
                    ps.setString(2, key);
                    ps.setString(3, channelId);
                    try (ResultSet rs = ps.executeQuery()) {
                        newChannel = !rs.next();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET contact_count = "
                        + "contact_count + 1, channel_count = channel_count + ?, last_contact_at = max(last_contact_at, ?) "
                        + "WHERE tenant = ? AND key = ?")) {
                    ps.setInt(1, newChannel ? 1 : 0);
                    ps.setLong(2, t);
                    ps.setString(3, tenant);
                    ps.setString(4, key);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversation_contacts (tenant, contact_id, key, "
                    + "channel_id) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, tenant);
                ps.setString(2, contactId);
                ps.setString(3, key);
                ps.setString(4, channelId);
                ps.executeUpdate();
            }
            if (threadId != null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversation_threads (tenant, channel_id, "
                        + "thread_id, key) VALUES (?, ?, ?, ?) ON CONFLICT (tenant, channel_id, thread_id) "
                        + "DO UPDATE SET key = excluded.key")) {
                    ps.setString(1, tenant);
                    ps.setString(2, channelId);
                    ps.setString(3, threadId);
                    ps.setString(4, key);
                    ps.executeUpdate();
                }
            }
            return get(c, tenant, key);
        });
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
                if (!rs.next()) {
                    return null;
                }
                long resolved = rs.getLong(8);
                Instant resolvedAt = rs.wasNull() ? null : Instant.ofEpochMilli(resolved);
                return new ConversationRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6),
                        rs.getInt(7), resolvedAt);
            }
        }
    }
}

package io.switchboard.gateway.store.sqlite;

import io.switchboard.gateway.store.RawPayload;
import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The embedded store's writes; run on the writer thread only. */
final class Statements {

    private Statements() {
    }

    /**
     * @param headers the raw payload's headers, encoded by the caller
     * @param docs    each contact's JSON document, encoded by the caller (same order as {@code contacts})
     */
    static List<Accepted> accept(Connection c, RawPayload raw, String headers, List<Contact> contacts,
                                 List<String> docs) throws SQLException {
        List<Accepted> out = new ArrayList<>(contacts.size());
        boolean anyNew = false;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO contacts (id, channel_id, event_id, tenant, "
                + "kind, status, customer_id, conversation_key, received_at, raw_id, doc) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id, event_id) DO NOTHING");
             PreparedStatement existing = c.prepareStatement(
                     "SELECT id FROM contacts WHERE channel_id = ? AND event_id = ?")) {
            for (int i = 0; i < contacts.size(); i++) {
                Contact contact = contacts.get(i);
                insert.setString(1, contact.id());
                insert.setString(2, contact.channel().id());
                insert.setString(3, contact.provider().eventId());
                insert.setString(4, contact.tenant());
                insert.setString(5, contact.kind().name().toLowerCase(Locale.ROOT));
                insert.setString(6, status(contact));
                insert.setString(7, contact.customer() == null ? null : contact.customer().customerId());
                insert.setString(8, contact.conversationKey());
                insert.setLong(9, contact.receivedAt().toEpochMilli());
                insert.setString(10, contact.raw() == null ? null : contact.raw().id());
                insert.setString(11, docs.get(i));
                if (insert.executeUpdate() == 1) {
                    anyNew = true;
                    out.add(new Accepted(contact, contact.id(), false));
                } else {
                    existing.setString(1, contact.channel().id());
                    existing.setString(2, contact.provider().eventId());
                    try (ResultSet rs = existing.executeQuery()) {
                        if (!rs.next()) {
                            throw new SQLException("conflicting contact vanished");
                        }
                        out.add(new Accepted(contact, rs.getString(1), true));
                    }
                }
            }
        }
        if (anyNew) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_payloads (id, channel_id, received_at, "
                    + "method, content_type, query, headers, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, raw.id());
                ps.setString(2, raw.channelId());
                ps.setLong(3, raw.receivedAt().toEpochMilli());
                ps.setString(4, raw.method());
                ps.setString(5, raw.contentType());
                ps.setString(6, raw.query());
                ps.setString(7, headers);
                ps.setBytes(8, raw.body().getBytes());
                ps.executeUpdate();
            }
        }
        return out;
    }

    static void update(Connection c, Contact contact, String doc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET status = ?, customer_id = ?, "
                + "conversation_key = ?, doc = ? WHERE id = ?")) {
            ps.setString(1, status(contact));
            ps.setString(2, contact.customer() == null ? null : contact.customer().customerId());
            ps.setString(3, contact.conversationKey());
            ps.setString(4, doc);
            ps.setString(5, contact.id());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("no stored contact with id " + contact.id());
            }
        }
    }

    static void complete(Connection c, Contact contact, String doc, List<String> sinks, long now) throws SQLException {
        update(c, contact, doc);
        deliveries(c, contact, sinks, now);
    }

    /**
     * {@link #accept} of contacts already processed, and the new ones' deliveries, in the caller's transaction.
     *
     * @param sinks per contact, the sinks to deliver it to
     */
    static List<Accepted> acceptProcessed(Connection c, RawPayload raw, String headers, List<Contact> processed,
                                          List<String> docs, List<List<String>> sinks, long now) throws SQLException {
        List<Accepted> out = accept(c, raw, headers, processed, docs);
        for (int i = 0; i < out.size(); i++) {
            if (!out.get(i).duplicate()) {
                deliveries(c, processed.get(i), sinks.get(i), now);
            }
        }
        return out;
    }

    /** One pending delivery per sink; one that exists for (contact, sink) is kept as it is. */
    private static void deliveries(Connection c, Contact contact, List<String> sinks, long now) throws SQLException {
        if (sinks.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (id, contact_id, sink, state, ordering_key, "
                + "attempts, created_at, cycle_started_at, next_attempt_at, updated_at) "
                + "VALUES (?, ?, ?, 'pending', ?, 0, ?, ?, ?, ?) ON CONFLICT (contact_id, sink) DO NOTHING")) {
            String key = io.switchboard.gateway.delivery.OrderingKeys.of(contact);
            for (String sink : sinks) {
                ps.setString(1, io.switchboard.gateway.internal.Ids.newId());
                ps.setString(2, contact.id());
                ps.setString(3, sink);
                ps.setString(4, key);
                ps.setLong(5, now);
                ps.setLong(6, now);
                ps.setLong(7, now);
                ps.setLong(8, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<io.switchboard.gateway.store.OutboxEntry> claim(Connection c, String sink, int limit, boolean ordered,
                                                                long now, long leaseUntil) throws SQLException {
        String sql = "SELECT o.id, o.attempts, o.created_at, o.cycle_started_at, c.doc FROM outbox o "
                + "JOIN contacts c ON c.id = o.contact_id "
                + "WHERE o.sink = ? AND o.state = 'pending' AND o.next_attempt_at <= ? AND o.claimed_until <= ? "
                + (ordered ? "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.sink = o.sink AND p.state = 'pending' "
                + "AND p.ordering_key = o.ordering_key AND p.contact_id < o.contact_id) " : "")
                + "ORDER BY o.contact_id LIMIT ?";
        List<io.switchboard.gateway.store.OutboxEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sink);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new io.switchboard.gateway.store.OutboxEntry(rs.getString(1), sink,
                            ContactJson.fromJson(new io.vertx.core.json.JsonObject(rs.getString(5))), rs.getInt(2),
                            java.time.Instant.ofEpochMilli(rs.getLong(3)), java.time.Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
        }
        if (!out.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET claimed_until = ? WHERE id = ?")) {
                for (io.switchboard.gateway.store.OutboxEntry e : out) {
                    ps.setLong(1, leaseUntil);
                    ps.setString(2, e.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return out;
    }

    static void recordOutcomes(Connection c, List<io.switchboard.gateway.store.DeliveryOutcome> outcomes, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, "
                + "claimed_until = 0, updated_at = ?, last_error = ?, external_ref = COALESCE(?, external_ref) "
                + "WHERE id = ?")) {
            for (io.switchboard.gateway.store.DeliveryOutcome o : outcomes) {
                ps.setString(1, o.state());
                ps.setInt(2, o.attempts());
                ps.setLong(3, o.nextAttemptAt() == null ? now : o.nextAttemptAt().toEpochMilli());
                ps.setLong(4, now);
                ps.setString(5, o.lastError());
                ps.setString(6, o.externalRef());
                ps.setString(7, o.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static int replay(Connection c, String deliveryId, String sink, Long from, Long to, long now) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, "
                + "cycle_started_at = ?, claimed_until = 0, updated_at = ?, last_error = NULL WHERE state = 'dead'");
        List<Object> args = new ArrayList<>(List.of(now, now, now));
        if (deliveryId != null) {
            sql.append(" AND id = ?");
            args.add(deliveryId);
        }
        if (sink != null) {
            sql.append(" AND sink = ?");
            args.add(sink);
        }
        if (from != null) {
            sql.append(" AND updated_at >= ?");
            args.add(from);
        }
        if (to != null) {
            sql.append(" AND updated_at < ?");
            args.add(to);
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps.executeUpdate();
        }
    }

    private static String status(Contact c) {
        return c.processing().status().name().toLowerCase(Locale.ROOT);
    }
}

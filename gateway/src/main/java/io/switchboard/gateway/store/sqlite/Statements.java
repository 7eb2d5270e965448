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

    static List<Accepted> accept(Connection c, RawPayload raw, List<Contact> contacts) throws SQLException {
        List<Accepted> out = new ArrayList<>(contacts.size());
        boolean anyNew = false;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO contacts (id, channel_id, event_id, tenant, "
                + "kind, status, customer_id, conversation_key, received_at, raw_id, doc) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id, event_id) DO NOTHING");
             PreparedStatement existing = c.prepareStatement(
                     "SELECT id FROM contacts WHERE channel_id = ? AND event_id = ?")) {
            for (Contact contact : contacts) {
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
                insert.setString(11, ContactJson.toJson(contact).encode());
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
                ps.setString(7, raw.headers().encode());
                ps.setBytes(8, raw.body().getBytes());
                ps.executeUpdate();
            }
        }
        return out;
    }

    static void update(Connection c, Contact contact) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET status = ?, customer_id = ?, "
                + "conversation_key = ?, doc = ? WHERE id = ?")) {
            ps.setString(1, status(contact));
            ps.setString(2, contact.customer() == null ? null : contact.customer().customerId());
            ps.setString(3, contact.conversationKey());
            ps.setString(4, ContactJson.toJson(contact).encode());
            ps.setString(5, contact.id());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("no stored contact with id " + contact.id());
            }
        }
    }

    private static String status(Contact c) {
        return c.processing().status().name().toLowerCase(Locale.ROOT);
    }
}

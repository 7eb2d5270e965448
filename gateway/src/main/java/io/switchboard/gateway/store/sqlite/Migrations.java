package io.switchboard.gateway.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations of the embedded store, tracked in {@code PRAGMA user_version}. Each entry
 * upgrades from its index to its index + 1; never edit an entry that has shipped, append a new one.
 */
final class Migrations {

    private static final List<List<String>> STEPS = List.of(
            List.of(
                    """
                    CREATE TABLE contacts (
                      id               TEXT    PRIMARY KEY,
                      channel_id       TEXT    NOT NULL,
                      event_id         TEXT    NOT NULL,
                      tenant           TEXT    NOT NULL,
                      kind             TEXT    NOT NULL,
                      status           TEXT    NOT NULL,
                      customer_id      TEXT,
                      conversation_key TEXT,
                      received_at      INTEGER NOT NULL,
                      raw_id           TEXT,
                      doc              TEXT    NOT NULL,
                      UNIQUE (channel_id, event_id)
                    )""",
                    "CREATE INDEX contacts_by_channel ON contacts (channel_id, id)",
                    "CREATE INDEX contacts_by_customer ON contacts (customer_id, id)",
                    "CREATE INDEX contacts_by_event ON contacts (event_id)",
                    "CREATE INDEX contacts_by_received ON contacts (received_at)",
                    "CREATE INDEX contacts_unfinished ON contacts (id) WHERE status = 'accepted'",
                    """
                    CREATE TABLE raw_payloads (
                      id           TEXT    PRIMARY KEY,
                      channel_id   TEXT    NOT NULL,
                      received_at  INTEGER NOT NULL,
                      method       TEXT    NOT NULL,
                      content_type TEXT,
                      query        TEXT,
                      headers      TEXT    NOT NULL,
                      body         BLOB    NOT NULL
                    )"""),
            List.of(
                    """
                    CREATE TABLE outbox (
                      id               TEXT    PRIMARY KEY,
                      contact_id       TEXT    NOT NULL,
                      sink             TEXT    NOT NULL,
                      state            TEXT    NOT NULL,
                      ordering_key     TEXT    NOT NULL,
                      attempts         INTEGER NOT NULL DEFAULT 0,
                      created_at       INTEGER NOT NULL,
                      cycle_started_at INTEGER NOT NULL,
                      next_attempt_at  INTEGER NOT NULL,
                      claimed_until    INTEGER NOT NULL DEFAULT 0,
                      updated_at       INTEGER NOT NULL,
                      last_error       TEXT,
                      external_ref     TEXT,
                      UNIQUE (contact_id, sink)
                    )""",
                    "CREATE INDEX outbox_due ON outbox (sink, next_attempt_at) WHERE state = 'pending'",
                    "CREATE INDEX outbox_order ON outbox (sink, ordering_key, contact_id) WHERE state = 'pending'",
                    "CREATE INDEX outbox_dead ON outbox (sink, updated_at) WHERE state = 'dead'",
                    "CREATE TABLE health_probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL)"),
            List.of(
                    """
                    CREATE TABLE customers (
                      tenant     TEXT    NOT NULL,
                      id         TEXT    NOT NULL,
                      name       TEXT,
                      tier       TEXT,
                      updated_at INTEGER NOT NULL,
                      PRIMARY KEY (tenant, id)
                    )""",
                    """
                    CREATE TABLE customer_identifiers (
                      tenant      TEXT NOT NULL,
                      type        TEXT NOT NULL,
                      value       TEXT NOT NULL,
                      customer_id TEXT NOT NULL,
                      link_id     TEXT,
                      PRIMARY KEY (tenant, type, value, customer_id)
                    )""",
                    "CREATE INDEX customer_identifiers_by_customer ON customer_identifiers (tenant, customer_id)",
                    "CREATE INDEX customer_identifiers_by_link ON customer_identifiers (link_id) WHERE link_id IS NOT NULL",
                    """
                    CREATE TABLE identity_decisions (
                      id          TEXT    PRIMARY KEY,
                      tenant      TEXT    NOT NULL,
                      contact_id  TEXT    NOT NULL,
                      customer_id TEXT,
                      candidates  TEXT    NOT NULL,
                      level       TEXT    NOT NULL,
                      method      TEXT,
                      evidence    TEXT,
                      created_at  INTEGER NOT NULL,
                      undone_at   INTEGER
                    )""",
                    "CREATE INDEX identity_decisions_by_contact ON identity_decisions (tenant, contact_id, id)",
                    """
                    CREATE TABLE conversations (
                      tenant          TEXT    NOT NULL,
                      key             TEXT    NOT NULL,
                      party_key       TEXT    NOT NULL,
                      opened_at       INTEGER NOT NULL,
                      last_contact_at INTEGER NOT NULL,
                      contact_count   INTEGER NOT NULL,
                      resolved_at     INTEGER,
                      PRIMARY KEY (tenant, key)
                    )""",
                    "CREATE INDEX conversations_open ON conversations (tenant, party_key, last_contact_at) "
                            + "WHERE resolved_at IS NULL",
                    """
                    CREATE TABLE conversation_contacts (
                      tenant     TEXT NOT NULL,
                      contact_id TEXT NOT NULL,
                      key        TEXT NOT NULL,
                      channel_id TEXT NOT NULL,
                      PRIMARY KEY (tenant, contact_id)
                    )""",
                    "CREATE INDEX conversation_contacts_by_key ON conversation_contacts (tenant, key)",
                    """
                    CREATE TABLE conversation_threads (
                      tenant     TEXT NOT NULL,
                      channel_id TEXT NOT NULL,
                      thread_id  TEXT NOT NULL,
                      key        TEXT NOT NULL,
                      PRIMARY KEY (tenant, channel_id, thread_id)
                    )"""),
            // Contacts parked by a retry-later chain step, found by the chain's resumer.
            List.of("CREATE INDEX contacts_parked ON contacts (id) WHERE status = 'parked'"),
            // A conversation's distinct channels kept as a count, so a join costs the same however long the
            // conversation is; the index answers "has this channel been in it yet?" in one lookup.
            List.of("CREATE INDEX conversation_contacts_by_key_channel ON conversation_contacts (tenant, key, channel_id)",
                    "DROP INDEX conversation_contacts_by_key",
                    "ALTER TABLE conversations ADD COLUMN channel_count INTEGER NOT NULL DEFAULT 0",
                    "UPDATE conversations SET channel_count = (SELECT count(DISTINCT channel_id) FROM conversation_contacts m "
                            + "WHERE m.tenant = conversations.tenant AND m.key = conversations.key)"),
            // An index on the provider event id alone put a second random page into every commit (event ids are
            // random) for a lookup the unique (channel_id, event_id) index answers too, one probe per channel
            // (SqliteContactStore.list).
            List.of("DROP INDEX IF EXISTS contacts_by_event"));

    /** The schema version after every migration. */
    static final int LATEST = STEPS.size();

    private Migrations() {
    }

    static void apply(Connection c) throws SQLException {
        apply(c, LATEST);
    }

    /** Migrates to {@code target} (tests build older schemas with it). */
    static void apply(Connection c, int target) throws SQLException {
        int current;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            current = rs.next() ? rs.getInt(1) : 0;
        }
        if (current > LATEST) {
            throw new SQLException("database schema version " + current + " is newer than this gateway's ("
                    + LATEST + "); upgrade the gateway");
        }
        for (int v = current; v < target; v++) {
            try (Statement s = c.createStatement()) {
                for (String sql : STEPS.get(v)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (v + 1));
            }
            c.commit();
        }
    }
}

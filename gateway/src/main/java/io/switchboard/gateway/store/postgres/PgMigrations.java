package io.switchboard.gateway.store.postgres;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;

/**
 * Versioned migrations of the PostgreSQL store, tracked in {@code <schema>.schema_version} and applied in one
 * transaction under an advisory lock, so instances starting together do not race. Append new steps; never
 * edit one that has shipped.
 */
final class PgMigrations {

    private static final long LOCK = 0x5357_4254_4f52_4531L; // "SWBTORE1"

    private static final List<List<String>> STEPS = List.of(
            List.of(
            """
            CREATE TABLE contacts (
              id               text    PRIMARY KEY,
              channel_id       text    NOT NULL,
              event_id         text    NOT NULL,
              tenant           text    NOT NULL,
              kind             text    NOT NULL,
              status           text    NOT NULL,
              customer_id      text,
              conversation_key text,
              received_at      bigint  NOT NULL,
              raw_id           text,
              doc              jsonb   NOT NULL,
              UNIQUE (channel_id, event_id)
            )""",
            "CREATE INDEX contacts_by_channel ON contacts (channel_id, id)",
            "CREATE INDEX contacts_by_customer ON contacts (customer_id, id)",
            "CREATE INDEX contacts_by_event ON contacts (event_id)",
            "CREATE INDEX contacts_unfinished ON contacts (id) WHERE status = 'accepted'",
            """
            CREATE TABLE raw_payloads (
              id           text   PRIMARY KEY,
              channel_id   text   NOT NULL,
              received_at  bigint NOT NULL,
              method       text   NOT NULL,
              content_type text,
              query        text,
              headers      jsonb  NOT NULL,
              body         bytea  NOT NULL
            )""",
            """
            CREATE TABLE outbox (
              id               text    PRIMARY KEY,
              contact_id       text    NOT NULL REFERENCES contacts (id),
              sink             text    NOT NULL,
              state            text    NOT NULL,
              ordering_key     text    NOT NULL,
              attempts         integer NOT NULL DEFAULT 0,
              created_at       bigint  NOT NULL,
              cycle_started_at bigint  NOT NULL,
              next_attempt_at  bigint  NOT NULL,
              claimed_until    bigint  NOT NULL DEFAULT 0,
              updated_at       bigint  NOT NULL,
              last_error       text,
              external_ref     text,
              UNIQUE (contact_id, sink)
            )""",
            "CREATE INDEX outbox_due ON outbox (sink, next_attempt_at) WHERE state = 'pending'",
            "CREATE INDEX outbox_order ON outbox (sink, ordering_key, contact_id) WHERE state = 'pending'",
            "CREATE INDEX outbox_dead ON outbox (sink, updated_at) WHERE state = 'dead'"),
            List.of(
                    """
                    CREATE TABLE customers (
                      tenant     text   NOT NULL,
                      id         text   NOT NULL,
                      name       text,
                      tier       text,
                      updated_at bigint NOT NULL,
                      PRIMARY KEY (tenant, id)
                    )""",
                    """
                    CREATE TABLE customer_identifiers (
                      tenant      text NOT NULL,
                      type        text NOT NULL,
                      value       text NOT NULL,
                      customer_id text NOT NULL,
                      link_id     text,
                      PRIMARY KEY (tenant, type, value, customer_id)
                    )""",
                    "CREATE INDEX customer_identifiers_by_customer ON customer_identifiers (tenant, customer_id)",
                    "CREATE INDEX customer_identifiers_by_link ON customer_identifiers (link_id) WHERE link_id IS NOT NULL",
                    """
                    CREATE TABLE identity_decisions (
                      id          text   PRIMARY KEY,
                      tenant      text   NOT NULL,
                      contact_id  text   NOT NULL,
                      customer_id text,
                      candidates  jsonb  NOT NULL,
                      level       text   NOT NULL,
                      method      text,
                      evidence    text,
                      created_at  bigint NOT NULL,
                      undone_at   bigint
                    )""",
                    "CREATE INDEX identity_decisions_by_contact ON identity_decisions (tenant, contact_id, id)",
                    """
                    CREATE TABLE conversations (
                      tenant          text    NOT NULL,
                      key             text    NOT NULL,
                      party_key       text    NOT NULL,
                      opened_at       bigint  NOT NULL,
                      last_contact_at bigint  NOT NULL,
                      contact_count   integer NOT NULL,
                      resolved_at     bigint,
                      PRIMARY KEY (tenant, key)
                    )""",
                    "CREATE INDEX conversations_open ON conversations (tenant, party_key, last_contact_at) "
                            + "WHERE resolved_at IS NULL",
                    """
                    CREATE TABLE conversation_contacts (
                      tenant     text NOT NULL,
                      contact_id text NOT NULL,
                      key        text NOT NULL,
                      channel_id text NOT NULL,
                      PRIMARY KEY (tenant, contact_id)
                    )""",
                    "CREATE INDEX conversation_contacts_by_key ON conversation_contacts (tenant, key)",
                    """
                    CREATE TABLE conversation_threads (
                      tenant     text NOT NULL,
                      channel_id text NOT NULL,
                      thread_id  text NOT NULL,
                      key        text NOT NULL,
                      PRIMARY KEY (tenant, channel_id, thread_id)
                    )"""),
            // Contacts parked by a retry-later chain step, found by the chain's resumer.
            List.of("CREATE INDEX contacts_parked ON contacts (id) WHERE status = 'parked'"));

    private PgMigrations() {
    }

    static Future<Void> apply(Pool pool, String schema) {
        return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK + ")").execute()
                .compose(v -> conn.query("CREATE SCHEMA IF NOT EXISTS " + schema).execute())
                .compose(v -> conn.query("CREATE TABLE IF NOT EXISTS " + schema + ".schema_version (version integer NOT NULL)")
                        .execute())
                .compose(v -> conn.query("SELECT coalesce(max(version), 0) FROM " + schema + ".schema_version").execute())
                .compose(rs -> {
                    int current = rs.iterator().next().getInteger(0);
                    if (current > STEPS.size()) {
                        return Future.failedFuture(new IllegalStateException("database schema version " + current
                                + " is newer than this gateway's (" + STEPS.size() + "); upgrade the gateway"));
                    }
                    Future<Void> chain = Future.succeededFuture();
                    for (int v = current; v < STEPS.size(); v++) {
                        int version = v + 1;
                        for (String sql : STEPS.get(v)) {
                            chain = chain.compose(x -> exec(conn, schema, sql));
                        }
                        chain = chain.compose(x -> conn.query("INSERT INTO " + schema + ".schema_version VALUES ("
                                + version + ")").execute().mapEmpty());
                    }
                    return chain;
                }));
    }

    private static Future<Void> exec(SqlConnection conn, String schema, String sql) {
        return conn.query("SET LOCAL search_path TO " + schema).execute().compose(v -> conn.query(sql).execute())
                .mapEmpty();
    }
}

package io.switchboard.gateway.store.postgres;

import io.switchboard.gateway.internal.PgSchemaMigrator;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.util.List;

/**
 * Versioned migrations of the PostgreSQL store, applied by {@link PgSchemaMigrator} (tracked in
 * {@code <schema>.schema_version}, one transaction under an advisory lock). Append new steps; never edit one that
 * has shipped.
 */
final class PgMigrations {

    private static final long LOCK = 0x5357_4254_4f52_4531L; // "SWBTORE1"

    private static final List<List<String>> STEPS = List.of(List.of(
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
            "CREATE INDEX outbox_dead ON outbox (sink, updated_at) WHERE state = 'dead'"));

    private PgMigrations() {
    }

    static Future<Void> apply(Pool pool, String schema) {
        return new PgSchemaMigrator("store", LOCK, STEPS).apply(pool, schema).mapEmpty();
    }
}

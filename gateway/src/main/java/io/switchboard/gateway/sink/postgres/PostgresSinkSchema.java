package io.switchboard.gateway.sink.postgres;

import io.switchboard.gateway.internal.PgSchemaMigrator;

import java.util.List;

/**
 * The {@code postgres} sink's schema (documented in {@code docs/sinks.md}), created and upgraded at start-up by
 * {@link PgSchemaMigrator}. Append new steps; never edit one that has shipped.
 */
final class PostgresSinkSchema {

    /** Advisory lock key of sink-schema migrations ("SWBSINK1"); the store's own schema uses another. */
    static final long LOCK = 0x5357_4253_494e_4b31L;

    static final List<List<String>> STEPS = List.of(List.of(
            """
            CREATE TABLE contacts (
              contact_id        text        PRIMARY KEY,
              tenant            text        NOT NULL,
              schema_version    integer     NOT NULL,
              channel_id        text        NOT NULL,
              channel_type      text        NOT NULL,
              kind              text        NOT NULL,
              visibility        text        NOT NULL,
              provider          text        NOT NULL,
              provider_event_id text        NOT NULL,
              occurred_at       timestamptz,
              received_at       timestamptz NOT NULL,
              customer_id       text,
              conversation_key  text,
              priority_band     text,
              priority_score    integer,
              trace_id          text,
              contact           jsonb       NOT NULL,
              delivered_at      timestamptz NOT NULL DEFAULT now()
            )""",
            "CREATE INDEX contacts_by_customer ON contacts (tenant, customer_id, received_at) WHERE customer_id IS NOT NULL",
            "CREATE INDEX contacts_by_conversation ON contacts (tenant, conversation_key, received_at) "
                    + "WHERE conversation_key IS NOT NULL",
            "CREATE INDEX contacts_by_channel ON contacts (channel_id, received_at)",
            """
            CREATE TABLE customers (
              tenant           text        NOT NULL,
              customer_id      text        NOT NULL,
              first_contact_at timestamptz NOT NULL,
              last_contact_at  timestamptz NOT NULL,
              contact_count    bigint      NOT NULL,
              PRIMARY KEY (tenant, customer_id)
            )""",
            """
            CREATE TABLE identities (
              tenant        text        NOT NULL,
              kind          text        NOT NULL,
              value         text        NOT NULL,
              customer_id   text,
              first_seen_at timestamptz NOT NULL,
              last_seen_at  timestamptz NOT NULL,
              contact_count bigint      NOT NULL,
              PRIMARY KEY (tenant, kind, value)
            )""",
            "CREATE INDEX identities_by_customer ON identities (tenant, customer_id) WHERE customer_id IS NOT NULL",
            """
            CREATE TABLE contact_identities (
              contact_id text NOT NULL REFERENCES contacts (contact_id) ON DELETE CASCADE,
              tenant     text NOT NULL,
              kind       text NOT NULL,
              value      text NOT NULL,
              PRIMARY KEY (contact_id, kind, value)
            )""",
            "CREATE INDEX contact_identities_by_identity ON contact_identities (tenant, kind, value)",
            """
            CREATE TABLE conversations (
              tenant           text        NOT NULL,
              conversation_key text        NOT NULL,
              customer_id      text,
              opened_at        timestamptz NOT NULL,
              last_contact_at  timestamptz NOT NULL,
              contact_count    bigint      NOT NULL,
              channels         text[]      NOT NULL,
              PRIMARY KEY (tenant, conversation_key)
            )"""));

    static final PgSchemaMigrator MIGRATOR = new PgSchemaMigrator("postgres sink", LOCK, STEPS);

    private PostgresSinkSchema() {
    }
}

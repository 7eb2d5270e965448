package io.switchboard.gateway.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Versioned schema migrations on PostgreSQL, shared by the gateway's own store and the {@code postgres} sink:
 * the applied version is tracked in {@code <schema>.schema_version}, and pending steps run in one transaction
 * under a transaction-scoped advisory lock, so instances starting together neither race nor apply a step twice.
 * Each step is a list of statements run with {@code search_path} set to the schema. Append new steps; never edit
 * one that has shipped.
 */
public final class PgSchemaMigrator {

    private static final Pattern IDENTIFIER = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    private final String what;
    private final long lockKey;
    private final List<List<String>> steps;

    /**
     * @param what    what the schema holds, for messages ({@code store}, {@code postgres sink})
     * @param lockKey the advisory lock key; one per kind of schema
     * @param steps   the migration steps, oldest first; step {@code i} takes the schema to version {@code i + 1}
     */
    public PgSchemaMigrator(String what, long lockKey, List<List<String>> steps) {
        this.what = what;
        this.lockKey = lockKey;
        this.steps = List.copyOf(steps);
    }

    /** @return the version the steps lead to */
    public int latestVersion() {
        return steps.size();
    }

    /**
     * Creates the schema if needed and applies the pending steps.
     *
     * @param pool   the pool
     * @param schema the schema, a lower-case SQL identifier (validated again here: it is spliced into SQL)
     * @return the version before migrating
     */
    public Future<Integer> apply(Pool pool, String schema) {
        if (!IDENTIFIER.matcher(schema).matches()) {
            return Future.failedFuture(new IllegalArgumentException("schema must be a lower-case SQL identifier, but was "
                    + schema));
        }
        return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + lockKey + ")").execute()
                .compose(v -> conn.query("CREATE SCHEMA IF NOT EXISTS " + schema).execute())
                .compose(v -> conn.query("CREATE TABLE IF NOT EXISTS " + schema + ".schema_version (version integer NOT NULL)")
                        .execute())
                .compose(v -> conn.query("SELECT coalesce(max(version), 0) FROM " + schema + ".schema_version").execute())
                .compose(rs -> {
                    int current = rs.iterator().next().getInteger(0);
                    if (current > steps.size()) {
                        return Future.failedFuture(new IllegalStateException(what + " schema " + schema + " is at version "
                                + current + ", newer than this gateway's (" + steps.size() + "); upgrade the gateway"));
                    }
                    Future<Void> chain = Future.succeededFuture();
                    for (int v = current; v < steps.size(); v++) {
                        int version = v + 1;
                        for (String sql : steps.get(v)) {
                            chain = chain.compose(x -> exec(conn, schema, sql));
                        }
                        chain = chain.compose(x -> conn.query("INSERT INTO " + schema + ".schema_version VALUES ("
                                + version + ")").execute().mapEmpty());
                    }
                    return chain.map(current);
                }));
    }

    private static Future<Void> exec(SqlConnection conn, String schema, String sql) {
        return conn.query("SET LOCAL search_path TO " + schema).execute().compose(v -> conn.query(sql).execute())
                .mapEmpty();
    }
}

package io.switchboard.gateway.testing;

import io.switchboard.gateway.config.StoreConfig;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real PostgreSQL server the tests use: 127.0.0.1:5432, trust auth, database {@code test}, user
 * {@code postgres} (override with {@code SWITCHBOARD_TEST_PG_HOST/PORT/DATABASE/USER}). Each test works in a
 * fresh schema it drops afterwards.
 */
public final class Postgres {

    /** Host. */
    public static final String HOST = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_HOST", "127.0.0.1");
    /** Port. */
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_PORT", "5432"));
    /** Database. */
    public static final String DATABASE = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_DATABASE", "test");
    /** User. */
    public static final String USER = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_USER", "postgres");

    private Postgres() {
    }

    /** @return a new unique schema name (not yet created) */
    public static String freshSchema() {
        return "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * @param schema the schema
     * @return a store configuration for it
     */
    public static StoreConfig.PostgresConfig config(String schema) {
        return new StoreConfig.PostgresConfig(HOST, PORT, DATABASE, USER, null, schema, 4);
    }

    /**
     * @param schema the schema
     * @return the {@code store:} mapping for a test gateway
     */
    public static JsonObject storeJson(String schema) {
        return new JsonObject().put("type", "postgres").put("postgres", new JsonObject().put("host", HOST)
                .put("port", PORT).put("database", DATABASE).put("user", USER).put("schema", schema).put("poolSize", 4));
    }

    /**
     * Drops a schema and everything in it (psql, so tests need no extra JDBC driver).
     *
     * @param schema the schema
     */
    public static void dropSchema(String schema) {
        psql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /**
     * Runs one SQL statement with psql and returns its unaligned output.
     *
     * @param sql the statement
     * @return the output
     */
    public static String psql(String sql) {
        try {
            Process p = new ProcessBuilder("psql", "-h", HOST, "-p", String.valueOf(PORT), "-U", USER, "-d", DATABASE,
                    "-tAqc", sql).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("psql failed: " + out);
            }
            return out.trim();
        } catch (IOException e) {
            throw new IllegalStateException("psql is not available", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

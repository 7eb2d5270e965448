package io.switchboard.gateway.config;

import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;

import java.nio.file.Path;

/**
 * The gateway's own store ({@code store:} in {@code gateway.yaml}).
 *
 * @param type        {@code embedded} (SQLite on local disk) or {@code postgres}
 * @param path        the embedded database file
 * @param maxQueue    most writes waiting for the writer; past it intake answers 503
 * @param maxBatch    most writes committed in one transaction (group commit)
 * @param readThreads threads serving reads
 * @param commitDelay how long the embedded store's writer waits for more writes before committing a batch, when
 *                    the writes come in faster than it commits ({@link java.time.Duration#ZERO}: never waits)
 * @param postgres    the PostgreSQL connection, for {@code type: postgres}
 */
public record StoreConfig(String type, Path path, int maxQueue, int maxBatch, int readThreads,
                          java.time.Duration commitDelay, PostgresConfig postgres) {

    /** The default of {@code store.commitDelay}. */
    public static final java.time.Duration DEFAULT_COMMIT_DELAY = java.time.Duration.ZERO;

    /** Convenience for the embedded store. */
    public StoreConfig(String type, Path path, int maxQueue, int maxBatch, int readThreads) {
        this(type, path, maxQueue, maxBatch, readThreads, DEFAULT_COMMIT_DELAY, null);
    }

    /** Convenience for the embedded store, with its commit delay. */
    public StoreConfig(String type, Path path, int maxQueue, int maxBatch, int readThreads,
                       java.time.Duration commitDelay) {
        this(type, path, maxQueue, maxBatch, readThreads, commitDelay, null);
    }

    /** Convenience for the PostgreSQL store. */
    public StoreConfig(String type, Path path, int maxQueue, int maxBatch, int readThreads, PostgresConfig postgres) {
        this(type, path, maxQueue, maxBatch, readThreads, DEFAULT_COMMIT_DELAY, postgres);
    }

    /**
     * The PostgreSQL connection of {@code store.postgres}.
     *
     * @param host     host
     * @param port     port
     * @param database database
     * @param user     user
     * @param password password, or null (trust auth)
     * @param schema   schema holding the gateway's tables
     * @param poolSize connections
     */
    public record PostgresConfig(String host, int port, String database, String user, String password, String schema,
                                 int poolSize) {

        /** The declared keys of {@code store.postgres}. */
        public static final ConfigSpec SPEC = ConfigSpec.of(
                ConfigKey.string("host").defaultValue("127.0.0.1").doc("PostgreSQL host."),
                ConfigKey.integer("port").defaultValue(5432).validate(Validator.between(1, 65535)).doc("PostgreSQL port."),
                ConfigKey.string("database").defaultValue("switchboard").doc("Database name."),
                ConfigKey.string("user").defaultValue("postgres").doc("User name."),
                ConfigKey.secret("password").doc("Password; omit for trust or peer authentication."),
                ConfigKey.string("schema").defaultValue("switchboard_store").validate(Validator.<String>of(
                                s -> s.matches("^[a-z_][a-z0-9_]{0,62}$"), "must be a lower-case SQL identifier"))
                        .doc("Schema holding the gateway's own tables (created and migrated at start-up)."),
                ConfigKey.integer("poolSize").defaultValue(8).validate(Validator.between(1, 200))
                        .doc("Connections in the pool."));

        static PostgresConfig from(ConfigValues v) {
            return new PostgresConfig(v.getString("host"), v.getInt("port"), v.getString("database"),
                    v.getString("user"), v.getString("password"), v.getString("schema"), v.getInt("poolSize"));
        }
    }

    /** The declared keys of {@code store:}. */
    public static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.oneOf("type", "embedded", "postgres").defaultValue("embedded")
                    .doc("The gateway's own store (intake, de-duplication, outbox). `embedded`: SQLite in WAL mode on "
                            + "local disk, no external service. `postgres`: PostgreSQL (`store.postgres`), shared by "
                            + "several gateway instances behind a load balancer."),
            ConfigKey.string("path").defaultValue("data/switchboard.db")
                    .doc("Embedded database file; relative paths resolve against the working directory."),
            ConfigKey.integer("maxQueue").defaultValue(10_000).validate(Validator.between(1, 1_000_000))
                    .doc("Most writes waiting to be committed; when full, intake answers 503 with Retry-After."),
            ConfigKey.integer("maxBatch").defaultValue(512).validate(Validator.between(1, 10_000))
                    .doc("Most writes committed in one transaction (group commit: one fsync per batch)."),
            ConfigKey.integer("readThreads").defaultValue(2).validate(Validator.between(1, 64))
                    .doc("Worker threads serving reads of the embedded store."),
            ConfigKey.duration("commitDelay").defaultValue("0ms").validate(Validator.<java.time.Duration>of(
                            d -> !d.isNegative() && d.compareTo(java.time.Duration.ofMillis(100)) <= 0,
                            "must be between 0ms and 100ms"))
                    .doc("Embedded store: when writes arrive faster than the writer commits them (its last batch "
                            + "held more than one), it waits up to this long for more before committing, so one "
                            + "fsync covers more writes; a lone write is committed at once. `0ms` (the default) never waits: "
                            + "the writes that arrive during a commit already share the next one."),
            ConfigKey.object("postgres", PostgresConfig.SPEC).doc("The PostgreSQL connection, for `type: postgres`."));

    /**
     * @param v values validated against {@link #SPEC}
     * @return the record
     */
    public static StoreConfig from(ConfigValues v) {
        return new StoreConfig(v.getString("type"), Path.of(v.getString("path")), v.getInt("maxQueue"),
                v.getInt("maxBatch"), v.getInt("readThreads"), v.getDuration("commitDelay"),
                PostgresConfig.from(v.getObject("postgres")));
    }
}

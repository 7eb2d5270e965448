package io.switchboard.gateway.config;

import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;

import java.nio.file.Path;

/**
 * The gateway's own store ({@code store:} in {@code gateway.yaml}).
 *
 * @param type        {@code embedded} (SQLite on local disk)
 * @param path        the embedded database file
 * @param maxQueue    most writes waiting for the writer; past it intake answers 503
 * @param maxBatch    most writes committed in one transaction (group commit)
 * @param readThreads threads serving reads
 */
public record StoreConfig(String type, Path path, int maxQueue, int maxBatch, int readThreads) {

    /** The declared keys of {@code store:}. */
    public static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.oneOf("type", "embedded").defaultValue("embedded")
                    .doc("The gateway's own store. `embedded`: SQLite in WAL mode on local disk, no external service."),
            ConfigKey.string("path").defaultValue("data/switchboard.db")
                    .doc("Embedded database file; relative paths resolve against the working directory."),
            ConfigKey.integer("maxQueue").defaultValue(10_000).validate(Validator.between(1, 1_000_000))
                    .doc("Most writes waiting to be committed; when full, intake answers 503 with Retry-After."),
            ConfigKey.integer("maxBatch").defaultValue(512).validate(Validator.between(1, 10_000))
                    .doc("Most writes committed in one transaction (group commit: one fsync per batch)."),
            ConfigKey.integer("readThreads").defaultValue(2).validate(Validator.between(1, 64))
                    .doc("Worker threads serving reads of the embedded store."));

    /**
     * @param v values validated against {@link #SPEC}
     * @return the record
     */
    public static StoreConfig from(ConfigValues v) {
        return new StoreConfig(v.getString("type"), Path.of(v.getString("path")), v.getInt("maxQueue"),
                v.getInt("maxBatch"), v.getInt("readThreads"));
    }
}

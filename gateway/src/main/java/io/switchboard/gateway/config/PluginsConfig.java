package io.switchboard.gateway.config;

import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;

import java.nio.file.Path;

/**
 * Where third-party plugins come from and where blocking plugins run ({@code plugins:} in {@code gateway.yaml}).
 *
 * @param directory       the plugins directory (may not exist)
 * @param blockingThreads threads of the worker pool blocking plugins run on
 * @param blockingQueue   calls waiting for a blocking-pool thread before further calls fail the step
 */
public record PluginsConfig(Path directory, int blockingThreads, int blockingQueue) {

    /** The declared keys of {@code plugins:}. */
    public static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.string("directory").defaultValue("plugins")
                    .doc("Directory of third-party plugins; relative paths resolve against the working directory. "
                            + "Each `*.jar` directly in it is one plugin (bundle its dependencies inside), each "
                            + "sub-directory one plugin made of the `*.jar` files in it. Each plugin gets its own class "
                            + "loader that sees only the SPI and Vert.x (with Netty, Jackson core and the SLF4J API) from "
                            + "the gateway. A directory that does not exist holds no plugins. Built-in plugins are found "
                            + "on the gateway's class path."),
            ConfigKey.integer("blockingThreads").defaultValue(8).validate(Validator.between(1, 512))
                    .doc("Threads of the bounded worker pool blocking plugins run on (never an event loop)."),
            ConfigKey.integer("blockingQueue").defaultValue(1024).validate(Validator.between(1, 1_000_000))
                    .doc("Calls waiting for a blocking-pool thread; past it a call fails its step with reason "
                            + "`worker-pool-full` (the step's failure policy applies)."));

    /**
     * @param v values validated against {@link #SPEC}
     * @return the record
     */
    public static PluginsConfig from(ConfigValues v) {
        return new PluginsConfig(Path.of(v.getString("directory")), v.getInt("blockingThreads"),
                v.getInt("blockingQueue"));
    }
}

package io.switchboard.gateway.config;

import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;

/**
 * One configured sink ({@code sinks.<name>:} in {@code gateway.yaml}).
 *
 * @param name   the sink's name, referenced by channels' {@code sinks:} lists
 * @param type   the sink type
 * @param config the sink's own validated keys
 */
public record SinkConfig(String name, String type, ConfigValues config) {

    /** Keys every sink has; the rest of the mapping is the type's own. */
    public static final ConfigSpec COMMON = ConfigSpec.of(
            ConfigKey.string("type").required().doc("The sink type, e.g. `postgres`, `kafka`, `http`."))
            .allowingUnknownKeys();
}

package io.switchboard.spi.sink;

import io.switchboard.spi.config.ConfigValues;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Clock;

/**
 * What a factory gets to create one configured sink.
 */
public interface SinkInitContext {

    /** @return the Vert.x instance */
    Vertx vertx();

    /** @return the sink's name ({@code sinks.<name>} in the configuration) */
    String name();

    /** @return the sink's configuration, validated against the factory's spec */
    ConfigValues config();

    /** @return the directory of the configuration file, for relative paths */
    Path configDirectory();

    /** @return the clock */
    Clock clock();
}

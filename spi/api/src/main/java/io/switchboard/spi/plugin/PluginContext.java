package io.switchboard.spi.plugin;

import io.vertx.core.Vertx;

import java.time.Clock;

/**
 * What a plugin sees on each call. Implemented by the gateway (and by the test kit).
 */
public interface PluginContext {

    /** @return the Vert.x instance, for timers and non-blocking clients */
    Vertx vertx();

    /** @return the chain being run, e.g. {@code default} or a channel id */
    String chain();

    /** @return the step being run, as named in the configuration */
    String step();

    /** @return the clock to read "now" from; tests may fix it */
    Clock clock();
}

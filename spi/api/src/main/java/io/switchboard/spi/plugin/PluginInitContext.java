package io.switchboard.spi.plugin;

import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.contact.PhoneNumbers;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * What a factory gets to create a plugin for one chain step. Implemented by the gateway (and by the
 * test kit).
 */
public interface PluginInitContext {

    /** @return the Vert.x instance */
    Vertx vertx();

    /** @return the chain the step belongs to */
    String chain();

    /** @return the step's name */
    String step();

    /** @return the step's configuration, validated against the factory's spec */
    ConfigValues config();

    /** @return the directory of the gateway's configuration file, to resolve relative paths against */
    Path configDirectory();

    /** @return the gateway's phone-number normaliser */
    PhoneNumbers phoneNumbers();

    /** @return the clock */
    Clock clock();

    /**
     * A service the gateway offers plugins (for instance a customer directory backed by the gateway's
     * store). Services are SPI interfaces; which ones exist is documented with each.
     *
     * @param type the service interface
     * @param <T>  the service type
     * @return the service, or empty when this gateway does not offer it
     */
    <T> Optional<T> service(Class<T> type);
}

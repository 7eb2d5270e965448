package io.switchboard.spi.channel;

import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.contact.PhoneNumbers;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.Optional;

/**
 * What a factory gets to create the adapter of one channel instance.
 */
public interface ChannelInitContext {

    /** @return the Vert.x instance */
    Vertx vertx();

    /** @return the channel instance id ({@code channels.<id>} in the configuration) */
    String channelId();

    /** @return the tenant that owns the channel */
    String tenant();

    /** @return the channel's configuration, validated against the factory's spec */
    ConfigValues config();

    /** @return the gateway's phone-number normaliser */
    PhoneNumbers phoneNumbers();

    /** @return the clock (replay windows must read time from it, so tests can fix it) */
    Clock clock();

    /**
     * @param type the service interface
     * @param <T>  the service type
     * @return the service, or empty when this gateway does not offer it
     */
    <T> Optional<T> service(Class<T> type);
}

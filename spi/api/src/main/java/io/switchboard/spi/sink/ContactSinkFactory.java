package io.switchboard.spi.sink;

import io.switchboard.spi.config.ConfigSpec;
import io.vertx.core.Future;

/**
 * Creates sinks of one type ({@code postgres}, {@code kafka}, {@code http}, …). Discovered with
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.switchboard.spi.sink.ContactSinkFactory}.
 */
public interface ContactSinkFactory {

    /** @return the sink type used in configuration ({@code type: kafka}); unique */
    String type();

    /**
     * The SPI version this sink was compiled against: implement as {@code return SpiVersion.CURRENT;}.
     *
     * @return the SPI version
     */
    String spiVersion();

    /** @return a one-line description for the docs */
    default String description() {
        return "";
    }

    /** @return the configuration this sink takes */
    ConfigSpec configSpec();

    /**
     * Creates and starts the sink (connect, migrate a schema). Called at start-up before intake is served;
     * a sink whose target is down should still start (deliveries wait in the outbox), failing only on
     * configuration it cannot use.
     *
     * @param context the sink's validated configuration
     * @return the started sink
     */
    Future<ContactSink> create(SinkInitContext context);
}

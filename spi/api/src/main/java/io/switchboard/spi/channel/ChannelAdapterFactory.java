package io.switchboard.spi.channel;

import io.switchboard.spi.config.ConfigSpec;

/**
 * Creates adapters of one channel type. Discovered with {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/io.switchboard.spi.channel.ChannelAdapterFactory}. Needs a
 * public no-argument constructor.
 *
 * <p>The gateway validates each channel's configuration against {@link #configSpec()} (plus the keys every
 * channel has: {@code type}, {@code tenant}, {@code publicBaseUrl}, {@code maxBodyBytes}, …, which the
 * adapter does not see) before it serves. A channel whose configuration is invalid fails start-up; one
 * whose secret is missing is not started, and start-up says so.
 */
public interface ChannelAdapterFactory {

    /** @return the channel type used in configuration ({@code type: twilio-messaging}); unique */
    String type();

    /**
     * The SPI version this adapter was compiled against: implement as {@code return SpiVersion.CURRENT;}.
     *
     * @return the SPI version
     */
    String spiVersion();

    /** @return a one-line description for the docs */
    default String description() {
        return "";
    }

    /** @return the channel-specific configuration this adapter takes */
    ConfigSpec configSpec();

    /**
     * Creates the adapter of one channel instance.
     *
     * @param context the channel's validated configuration and the gateway's services
     * @return the adapter
     * @throws io.switchboard.spi.config.ConfigException for cross-field configuration problems
     */
    ChannelAdapter create(ChannelInitContext context);
}

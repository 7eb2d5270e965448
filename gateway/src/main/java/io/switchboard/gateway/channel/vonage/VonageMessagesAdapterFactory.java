package io.switchboard.gateway.channel.vonage;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.config.ConfigSpec;

/**
 * The {@code vonage-messages} channel type: the Vonage Messages API's signed inbound-message and
 * message-status webhooks, for SMS, MMS, WhatsApp, Messenger, Viber and RCS.
 */
public final class VonageMessagesAdapterFactory implements ChannelAdapterFactory {

    /** The channel type. */
    public static final String TYPE = "vonage-messages";

    static final ConfigSpec SPEC = ConfigSpec.of(VonageSignatures.KEYS);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Vonage Messages API: inbound SMS, MMS, WhatsApp, Messenger, Viber and RCS messages, and message "
                + "status webhooks, verified by their signed JWT.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ChannelAdapter create(ChannelInitContext context) {
        return new VonageMessagesAdapter(context);
    }
}

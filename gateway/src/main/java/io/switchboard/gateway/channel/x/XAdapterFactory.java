package io.switchboard.gateway.channel.x;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.Validator;

/**
 * The {@code x} channel type: X (Twitter) Account Activity API webhooks, mentions and direct messages.
 */
public final class XAdapterFactory implements ChannelAdapterFactory {

    /** The channel type. */
    public static final String TYPE = "x";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.secret("consumerSecret").required()
                    .doc("The X app's consumer secret (API secret key). Signs the CRC response and verifies the "
                            + "`x-twitter-webhooks-signature` header of every event."),
            ConfigKey.string("userId").validate(Validator.<String>of(s -> s.matches("^[0-9]{1,20}$"),
                            "must be a numeric X user id such as 2244994945"))
                    .doc("The brand account's numeric user id. Its own tweets and DMs are ignored. When set, events for "
                            + "other accounts subscribed to the same webhook are ignored; when absent, each event's "
                            + "`for_user_id` is the brand."));

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
        return "X (Twitter) Account Activity API: mentions (public) and direct messages (private), CRC and signature.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ChannelAdapter create(ChannelInitContext context) {
        return new XAdapter(context);
    }
}

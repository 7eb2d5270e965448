package io.switchboard.gateway.channel.meta;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;

/**
 * The {@code meta} channel type: Meta Graph webhooks of one app, for Facebook Pages (Messenger and Page feed
 * comments), Instagram (DMs and comments) and the WhatsApp Cloud API.
 */
public final class MetaAdapterFactory implements ChannelAdapterFactory {

    /** The channel type. */
    public static final String TYPE = "meta";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.secret("appSecret").required()
                    .doc("The Meta app's App Secret (App settings > Basic). Verifies the `X-Hub-Signature-256` "
                            + "header of every notification."),
            ConfigKey.secret("verifyToken").required()
                    .doc("The Verify Token you type into the app's webhook settings. Meta's subscription GET must "
                            + "carry it; the gateway then echoes `hub.challenge`. Any GET with another token gets 403."),
            ConfigKey.bool("acceptSha1").defaultValue(false)
                    .doc("Also accept the legacy `X-Hub-Signature: sha1=` header when `X-Hub-Signature-256` is absent. "
                            + "Leave off unless a proxy strips the SHA-256 header."));

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
        return "Meta webhooks: Messenger and Instagram DMs, Page and Instagram comments, WhatsApp Cloud API messages "
                + "and statuses.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ChannelAdapter create(ChannelInitContext context) {
        return new MetaAdapter(context);
    }
}

package io.switchboard.gateway.channel.vonage;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code vonage-voice} channel type: the Vonage Voice API's signed answer and event webhooks; calls, call
 * status events and voicemail recordings; answers with a configured NCCO.
 */
public final class VonageVoiceAdapterFactory implements ChannelAdapterFactory {

    /** The channel type. */
    public static final String TYPE = "vonage-voice";

    static final ConfigSpec SPEC;

    static {
        List<ConfigKey> keys = new ArrayList<>(VonageSignatures.KEYS);
        keys.add(ConfigKey.array("ncco").defaultValue(Ncco.DEFAULT).validate(Ncco.validator())
                .doc("The NCCO (a sequence of Vonage call actions: `talk`, `stream`, `input`, `record`, `connect`, "
                        + "`conversation`, `notify`, `wait`, `pay`) returned to every answer webhook, checked at start-up. "
                        + "A `record` action without `eventUrl` gets this channel's URL, so the recording comes back "
                        + "as a voicemail contact. The default greets the caller and records a voicemail."));
        SPEC = ConfigSpec.of(keys);
    }

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
        return "Vonage Voice API: signed answer webhooks become calls (answered with the configured NCCO), events "
                + "become call status events and voicemail recordings.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ChannelAdapter create(ChannelInitContext context) {
        return new VonageVoiceAdapter(context);
    }
}

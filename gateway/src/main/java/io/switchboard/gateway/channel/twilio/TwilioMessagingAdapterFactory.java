package io.switchboard.gateway.channel.twilio;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.Validator;

import java.util.Locale;
import java.util.Set;

/**
 * The {@code twilio-messaging} channel type: Twilio Messaging webhooks for SMS, MMS and WhatsApp.
 */
public final class TwilioMessagingAdapterFactory implements ChannelAdapterFactory {

    /** The channel type. */
    public static final String TYPE = "twilio-messaging";

    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

    /** The auth token key, shared by both Twilio channel types. */
    static final ConfigKey AUTH_TOKEN = ConfigKey.secret("authToken").required()
            .doc("The Twilio account's Auth Token (Console > Account > API keys & tokens), e.g. "
                    + "`${env:TWILIO_AUTH_TOKEN}`. Verifies the `X-Twilio-Signature` header of every request. "
                    + "Use the token of the (sub)account that owns the number.");

    /** The default region key, shared by both Twilio channel types. */
    static final ConfigKey DEFAULT_REGION = ConfigKey.string("defaultRegion")
            .validate(Validator.<String>of(REGIONS::contains, "must be an ISO 3166 two-letter region such as GB or US"))
            .doc("Region national numbers are read in when Twilio sends a number that is not E.164 and no "
                    + "`FromCountry`/`ToCountry`. Numbers are never dropped because the metadata does not know them.");

    static final ConfigSpec SPEC = ConfigSpec.of(AUTH_TOKEN, DEFAULT_REGION);

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
        return "Twilio Messaging: SMS, MMS (media as references) and WhatsApp through Twilio; answers an empty TwiML "
                + "`<Response/>`.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ChannelAdapter create(ChannelInitContext context) {
        return new TwilioMessagingAdapter(context);
    }
}

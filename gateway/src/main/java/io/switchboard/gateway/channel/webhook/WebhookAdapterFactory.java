package io.switchboard.gateway.channel.webhook;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code webhook} channel type: any provider that signs its webhooks per Standard Webhooks (or Svix), made
 * into contacts through a field mapping in configuration, so that a new provider needs configuration, not code.
 */
public final class WebhookAdapterFactory implements ChannelAdapterFactory {

    /** The channel type. */
    public static final String TYPE = "webhook";

    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.secret("secret").required().validate(WebhookAdapterFactory::secret)
                    .doc("The endpoint's signing secret as the provider shows it: `whsec_` followed by base64. "
                            + "Verifies `webhook-signature` (or `svix-signature`)."),
            ConfigKey.duration("tolerance").defaultValue("5m").validate(Validator.positiveDuration())
                    .doc("How far `webhook-timestamp` may be from the gateway's clock, either way (the spec's 5 "
                            + "minutes); older or newer posts get 401."),
            ConfigKey.string("provider").defaultValue("webhook").validate(Validator.<String>of(
                            s -> s.matches("^[a-z][a-z0-9._-]{0,31}$"), "must be 1-32 lower-case letters, digits, '.', '_', '-'"))
                    .doc("The provider's name in contacts (`provider.provider`, sender ids `<provider>:global:<id>`)."),
            ConfigKey.list("eventTypes")
                    .doc("Only these event types (read with `mapping.eventType`) become contacts; others are "
                            + "answered 200 and counted as ignored (`filtered`). Empty: every event."),
            ConfigKey.string("defaultRegion").validate(Validator.<String>of(REGIONS::contains,
                            "must be an ISO 3166 two-letter region such as GB or US"))
                    .doc("Region national phone numbers are read in; without it only international numbers (+44…) "
                            + "normalise."),
            ConfigKey.object("mapping", FieldMapping.SPEC)
                    .doc("Where each part of the contact is in the provider's JSON, as JSON Pointers."));

    private static List<ConfigProblem> secret(String path, Object value) {
        try {
            StandardWebhooks.key((String) value);
            return List.of();
        } catch (IllegalArgumentException e) {
            // never echo the value: it is a secret
            return List.of(ConfigProblem.invalid(path, "must be whsec_ followed by base64 (the provider's signing secret)",
                    null));
        }
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
        return "Any webhook signed per Standard Webhooks (or Svix), mapped into a contact with JSON Pointers.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ChannelAdapter create(ChannelInitContext context) {
        ConfigValues c = context.config();
        ConfigValues mapping = c.getObject("mapping");
        if (!c.getList("eventTypes").isEmpty() && mapping.getString("eventType") == null) {
            throw new ConfigException(null, List.of(ConfigProblem.invalid("mapping.eventType",
                    "is required when eventTypes is set (where is the event type in the payload, e.g. /type?)", null)));
        }
        StandardWebhooks signatures = new StandardWebhooks(StandardWebhooks.key(c.getString("secret")),
                context.clock(), c.getDuration("tolerance"));
        return new WebhookAdapter(context, signatures, new FieldMapping(mapping));
    }
}

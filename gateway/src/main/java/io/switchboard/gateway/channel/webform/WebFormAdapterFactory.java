package io.switchboard.gateway.channel.webform;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code web-form} channel type: a website's contact form posting directly to the gateway.
 */
public final class WebFormAdapterFactory implements ChannelAdapterFactory {

    /** The channel type. */
    public static final String TYPE = "web-form";

    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

    static final ConfigSpec FIELDS = ConfigSpec.of(
            ConfigKey.string("name").defaultValue("name").doc("Form field holding the sender's name."),
            ConfigKey.string("email").defaultValue("email").doc("Form field holding the sender's email."),
            ConfigKey.string("phone").defaultValue("phone").doc("Form field holding the sender's phone number."),
            ConfigKey.string("subject").defaultValue("subject").doc("Form field holding the subject."),
            ConfigKey.string("message").defaultValue("message").doc("Form field holding the message."));

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.object("fields", FIELDS).doc("Which form field maps to which part of the contact. Fields not "
                    + "mapped are kept as attributes under the `form` namespace."),
            ConfigKey.string("defaultRegion").validate(Validator.<String>of(
                            r -> REGIONS.contains(r), "must be an ISO 3166 two-letter region such as GB or US"))
                    .doc("Region national phone numbers are read in (e.g. GB: 07700 900123 → +447700900123). Without it "
                            + "only international numbers (+44…) are accepted."),
            ConfigKey.string("honeypotField").defaultValue("_honeypot")
                    .doc("Hidden field humans leave empty; a submission that fills it is rejected (400) and not stored."),
            ConfigKey.list("allowedOrigins").validate(WebFormAdapterFactory::origins)
                    .doc("Origins (scheme://host[:port]) allowed to post, e.g. https://www.example.com. A request whose "
                            + "Origin (or Referer) is not listed gets 403. Empty: any origin."),
            ConfigKey.bool("requireOrigin").defaultValue(false)
                    .doc("Reject (403) requests without an Origin or Referer header. Browsers always send one; "
                            + "scripts may not."),
            ConfigKey.string("redirectField").defaultValue("_redirect")
                    .doc("Field with a URL to send the browser to after a successful post (303). The URL must "
                            + "be on an allowed origin; redirects are refused when allowedOrigins is empty."),
            ConfigKey.string("idempotencyField").defaultValue("_idempotency_key")
                    .doc("Field (or the Idempotency-Key header) with a client-chosen key: a repeated post with the "
                            + "same key returns the first contact's id instead of storing a second one."),
            ConfigKey.list("requiredFields")
                    .doc("Form fields that must be present and non-blank; a submission missing one gets 400 naming it."),
            ConfigKey.integer("perClientLimit").defaultValue(20).validate(Validator.between(0, 1_000_000))
                    .doc("Submissions accepted per client IP per `perClientWindow`; more get 429 with Retry-After. "
                            + "0 disables. Behind a proxy, set `server.trustForwardedHeaders` so the client IP is right."),
            ConfigKey.duration("perClientWindow").defaultValue("1m").validate(Validator.positiveDuration())
                    .doc("The window of `perClientLimit`."),
            ConfigKey.integer("channelLimitPerSecond").defaultValue(100).validate(Validator.between(0, 1_000_000))
                    .doc("Submissions accepted per second on this form from all clients together; more get 429. "
                            + "0 disables."));

    private static List<ConfigProblem> origins(String path, Object value) {
        List<ConfigProblem> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) value;
        for (int i = 0; i < list.size(); i++) {
            String o = list.get(i);
            if (!o.equals("*") && !o.matches("^https?://[^/?#\\s]+$")) {
                out.add(ConfigProblem.invalid(path + "[" + i + "]",
                        "must be an origin such as https://www.example.com (no path), or *", o));
            }
        }
        return out;
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
        return "Web forms: url-encoded, multipart or JSON posts from a website, with honeypot and origin allow-list.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ChannelAdapter create(ChannelInitContext context) {
        return new WebFormAdapter(context);
    }
}

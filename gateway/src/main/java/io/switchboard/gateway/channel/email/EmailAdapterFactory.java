package io.switchboard.gateway.channel.email;

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

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code email} channel type: inbound email through SendGrid Inbound Parse or Mailgun routes, chosen with
 * {@code provider}. One type rather than one per provider because the contact, the documentation and most keys
 * are the same; only authentication and the post's field names differ.
 */
public final class EmailAdapterFactory implements ChannelAdapterFactory {

    /** The channel type. */
    public static final String TYPE = "email";

    /** Most Mailgun tokens held for replay detection per channel. */
    static final int MAX_TOKENS = 200_000;

    static final ConfigSpec SENDGRID = ConfigSpec.of(
            ConfigKey.string("username")
                    .doc("User name of the HTTP Basic credentials written into the Parse URL "
                            + "(`https://<username>:<password>@host/webhooks/<id>`). Set with `password`."),
            ConfigKey.secret("password")
                    .doc("Password of those credentials. Compared in constant time; requests without them get 401."),
            ConfigKey.string("publicKey").validate(EmailAdapterFactory::publicKey)
                    .doc("The base64 ECDSA public key of a signed Parse security policy "
                            + "(`POST /v3/user/webhooks/security/policies` with `\"signature\": {\"enabled\": true}`). "
                            + "Every post must then carry a valid signature over timestamp + body."),
            ConfigKey.string("signatureHeader").defaultValue("X-Twilio-Email-Event-Webhook-Signature")
                    .doc("Header carrying the ECDSA signature (base64 DER)."),
            ConfigKey.string("timestampHeader").defaultValue("X-Twilio-Email-Event-Webhook-Timestamp")
                    .doc("Header carrying the signed timestamp (Unix seconds)."));

    static final ConfigSpec MAILGUN = ConfigSpec.of(
            ConfigKey.secret("signingKey")
                    .doc("The domain's HTTP webhook signing key (Mailgun: Sending > Webhooks > HTTP webhook signing "
                            + "key). Verifies `signature` = hex HMAC-SHA256(key, timestamp + token)."));

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.oneOf("provider", "sendgrid", "mailgun").required()
                    .doc("Who posts the mail: `sendgrid` (Inbound Parse) or `mailgun` (a route's `forward()`)."),
            ConfigKey.object("sendgrid", SENDGRID)
                    .doc("SendGrid authentication: Basic credentials (`username` + `password`), a signed security "
                            + "policy (`publicKey`), or both. At least one is required."),
            ConfigKey.object("mailgun", MAILGUN).doc("Mailgun authentication. `signingKey` is required."),
            ConfigKey.duration("replayWindow").defaultValue("15m").validate(Validator.positiveDuration())
                    .doc("How far a signed timestamp (Mailgun's `timestamp`, SendGrid's signature timestamp) may be "
                            + "from the gateway's clock, either way; older posts get 401. Mailgun tokens are "
                            + "remembered for this long."),
            ConfigKey.integer("maxTextChars").defaultValue(100_000).validate(Validator.between(1_000, 10_000_000))
                    .doc("Longest text kept in the contact; longer text is cut (`textTruncated: true`). The raw "
                            + "payload keeps all of it."));

    private static List<ConfigProblem> publicKey(String path, Object value) {
        try {
            SendGridAuth.publicKey((String) value);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(ConfigProblem.invalid(path,
                    "must be the base64 ECDSA public key SendGrid returned for the security policy", null));
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
        return "Inbound email: SendGrid Inbound Parse and Mailgun routes, with envelope sender, text, attachments "
                + "as references and threading.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ChannelAdapter create(ChannelInitContext context) {
        ConfigValues c = context.config();
        Duration window = c.getDuration("replayWindow");
        List<ConfigProblem> problems = new ArrayList<>();
        InboundEmail provider;
        if (c.getString("provider").equals("sendgrid")) {
            ConfigValues sg = c.getObject("sendgrid");
            String user = sg.getString("username");
            String password = sg.getString("password");
            String key = sg.getString("publicKey");
            if ((user == null) != (password == null)) {
                problems.add(ConfigProblem.invalid(user == null ? "sendgrid.username" : "sendgrid.password",
                        "is required with sendgrid." + (user == null ? "password" : "username"), null));
            }
            if (user == null && password == null && key == null) {
                problems.add(ConfigProblem.invalid("sendgrid", "needs username and password, or publicKey: SendGrid "
                        + "posts are unsigned, and without either anyone could post mail to this channel", null));
            }
            if (user != null && user.contains(":")) {
                problems.add(ConfigProblem.invalid("sendgrid.username", "must not contain ':'", null));
            }
            unexpected(c, "mailgun", MAILGUN, problems);
            PublicKey pk = key == null ? null : SendGridAuth.publicKey(key);
            provider = new SendGridInbound(new SendGridAuth(user, password, pk, sg.getString("signatureHeader"),
                    sg.getString("timestampHeader"), context.clock(), window));
        } else {
            String signingKey = c.getObject("mailgun").getString("signingKey");
            if (signingKey == null) {
                problems.add(ConfigProblem.invalid("mailgun.signingKey", "is required for provider mailgun", null));
            }
            unexpected(c, "sendgrid", SENDGRID, problems);
            provider = signingKey == null ? null : new MailgunInbound(signingKey.getBytes(StandardCharsets.UTF_8),
                    new TokenReplayGuard(context.clock(), window, MAX_TOKENS));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(null, problems);
        }
        return new EmailAdapter(provider, c.getInt("maxTextChars"));
    }

    /** The other provider's section, when given, is a mistake worth saying. */
    private static void unexpected(ConfigValues c, String section, ConfigSpec spec, List<ConfigProblem> problems) {
        ConfigValues v = c.getObject(section);
        for (var k : spec.keys()) {
            if (v.has(k.name()) && k.defaultValue() == null) {
                problems.add(ConfigProblem.invalid(section + "." + k.name(), "is only used with provider " + section,
                        null));
            }
        }
    }
}

package io.switchboard.gateway.channel.twilio;

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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code twilio-voice} channel type: Twilio Programmable Voice webhooks (incoming calls, status, recording
 * and transcription callbacks), answered with the TwiML the channel's configuration chooses.
 */
public final class TwilioVoiceAdapterFactory implements ChannelAdapterFactory {

    /** The channel type. */
    public static final String TYPE = "twilio-voice";

    /** Text that XML can carry and a person would write: no control characters but tab and newlines. */
    private static final Pattern PRINTABLE = Pattern.compile("^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*$");
    private static final Pattern HTTP_URL = Pattern.compile("^https?://[^\\s/?#]+[^\\s]*$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Pattern SIP = Pattern.compile("^sips?:[^\\s]{3,255}$");
    private static final Pattern VOICE = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$");
    private static final Pattern QUEUE = Pattern.compile("^[^\\x00-\\x1F\\x7F]{1,64}$");

    static final ConfigSpec SAY = ConfigSpec.of(
            ConfigKey.string("text").defaultValue("Thank you for calling. Please leave a message after the tone.")
                    .validate(text(4000))
                    .doc("What `<Say>` speaks to the caller (up to 4000 characters; XML-escaped)."),
            ConfigKey.string("voice").validate(Validator.<String>of(s -> VOICE.matcher(s).matches(),
                            "must be a Twilio voice name such as alice, man, woman or Polly.Amy"))
                    .doc("`<Say voice>`: e.g. `alice`, `Polly.Amy`, `Google.en-GB-Standard-A`; Twilio's default when absent."),
            ConfigKey.string("language").validate(Validator.<String>of(s -> LANGUAGE.matcher(s).matches(),
                            "must be a language tag such as en-GB"))
                    .doc("`<Say language>`, e.g. `en-GB`; Twilio's default when absent."),
            ConfigKey.bool("record").defaultValue(true)
                    .doc("After the message, record a voicemail (`<Record>`). Twilio posts the recording back to this "
                            + "channel's URL, where it becomes a `voicemail` contact."),
            ConfigKey.duration("maxLength").defaultValue("2m").validate(durationBetween(Duration.ofSeconds(1),
                            Duration.ofHours(4)))
                    .doc("Longest voicemail (`<Record maxLength>`), 1s to 4h."),
            ConfigKey.bool("transcribe").defaultValue(false)
                    .doc("Ask Twilio to transcribe the voicemail (`<Record transcribe>`, English only, billed by "
                            + "Twilio). The transcript arrives later at this channel's URL as a second `voicemail` "
                            + "contact carrying the text and the same recording."));

    static final ConfigSpec BANDS = ConfigSpec.of(
            ConfigKey.string("P1").validate(queue()).doc("Queue for P1 (urgent) callers."),
            ConfigKey.string("P2").validate(queue()).doc("Queue for P2 (high) callers."),
            ConfigKey.string("P3").validate(queue()).doc("Queue for P3 (normal) callers."),
            ConfigKey.string("P4").validate(queue()).doc("Queue for P4 (low) callers."));

    static final ConfigSpec ENQUEUE = ConfigSpec.of(
            ConfigKey.string("queue").validate(queue())
                    .doc("The queue (`<Enqueue>` name, up to 64 characters) callers wait in; required when `answer` "
                            + "is `enqueue`. Also the default for callers whose priority band is not known in time."),
            ConfigKey.string("waitUrl").validate(url())
                    .doc("`<Enqueue waitUrl>`: TwiML played while callers wait (hold music); Twilio's default when absent."),
            ConfigKey.object("queueByBand", BANDS)
                    .doc("Route by priority band: a queue per band, chosen from the contact's priority once the "
                            + "channel's plugin chain has run. Bands not listed use `queue`."),
            ConfigKey.duration("priorityWait").defaultValue("2s")
                    .validate(durationBetween(Duration.ofMillis(100), Duration.ofSeconds(8)))
                    .doc("With `queueByBand`: how long the answer may wait for the plugin chain (100ms to 8s, well inside "
                            + "Twilio's 15 s budget). When the chain has not finished by then, the caller goes to `queue`."));

    static final ConfigSpec DIAL = ConfigSpec.of(
            ConfigKey.string("number").validate(Validator.<String>of(s -> E164.matcher(s).matches()
                            || SIP.matcher(s).matches(), "must be an E.164 number such as +442071838750 or a sip: URI"))
                    .doc("Where `<Dial>` connects the caller: an E.164 number or a `sip:` URI; required when `answer` is `dial`."),
            ConfigKey.string("callerId").validate(Validator.<String>of(s -> E164.matcher(s).matches(),
                            "must be an E.164 number such as +442071838750"))
                    .doc("`<Dial callerId>`: a number you own on Twilio; the caller's number when absent."),
            ConfigKey.duration("timeout").defaultValue("30s").validate(durationBetween(Duration.ofSeconds(5),
                            Duration.ofSeconds(600)))
                    .doc("`<Dial timeout>`: how long to ring, 5s to 600s."));

    static final ConfigSpec REDIRECT = ConfigSpec.of(
            ConfigKey.string("url").validate(url())
                    .doc("Where `<Redirect>` sends the call for its TwiML (e.g. your IVR); an absolute http(s) URL, "
                            + "required when `answer` is `redirect`."),
            ConfigKey.oneOf("method", "POST", "GET").defaultValue("POST").doc("`<Redirect method>`."));

    static final ConfigSpec SPEC = ConfigSpec.of(
            TwilioMessagingAdapterFactory.AUTH_TOKEN,
            TwilioMessagingAdapterFactory.DEFAULT_REGION,
            ConfigKey.oneOf("answer", "say", "enqueue", "redirect", "dial").defaultValue("say")
                    .doc("The TwiML an incoming call is answered with, once it is stored: `say` (a message, then "
                            + "optionally a voicemail recording), `enqueue` (a queue, optionally by priority band), "
                            + "`redirect` (another TwiML URL) or `dial` (a number or SIP address). Status, recording and "
                            + "transcription callbacks always get an empty `<Response/>`."),
            ConfigKey.object("say", SAY).doc("Settings of `answer: say`."),
            ConfigKey.object("enqueue", ENQUEUE).doc("Settings of `answer: enqueue`."),
            ConfigKey.object("dial", DIAL).doc("Settings of `answer: dial`."),
            ConfigKey.object("redirect", REDIRECT).doc("Settings of `answer: redirect`."));

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
        return "Twilio Voice: incoming calls (caller E.164, CNAM name, geo), status events, voicemail recordings and "
                + "transcriptions; answers with the TwiML configured (say, enqueue, redirect or dial).";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    /** @throws ConfigException when the chosen answer lacks what it needs (e.g. {@code enqueue.queue}) */
    @Override
    public ChannelAdapter create(ChannelInitContext context) {
        List<ConfigProblem> problems = problems(context.config());
        if (!problems.isEmpty()) {
            throw new ConfigException(null, problems);
        }
        return new TwilioVoiceAdapter(context, VoiceAnswer.of(context.config()));
    }

    /**
     * Cross-key checks the spec cannot express: the settings the chosen answer needs.
     *
     * @param config validated values
     * @return the problems, with paths relative to the channel
     */
    static List<ConfigProblem> problems(ConfigValues config) {
        List<ConfigProblem> out = new ArrayList<>();
        String answer = config.getString("answer");
        ConfigValues enqueue = config.getObject("enqueue");
        boolean bands = false;
        for (String band : new String[] {"P1", "P2", "P3", "P4"}) {
            bands |= enqueue.getObject("queueByBand").has(band);
        }
        switch (answer) {
            case "enqueue" -> {
                if (!enqueue.has("queue")) {
                    out.add(ConfigProblem.invalid("enqueue.queue", "is required when answer is enqueue", null));
                }
            }
            case "dial" -> {
                if (!config.getObject("dial").has("number")) {
                    out.add(ConfigProblem.invalid("dial.number", "is required when answer is dial", null));
                }
            }
            case "redirect" -> {
                if (!config.getObject("redirect").has("url")) {
                    out.add(ConfigProblem.invalid("redirect.url", "is required when answer is redirect", null));
                }
            }
            default -> {
            }
        }
        if (bands && !answer.equals("enqueue")) {
            out.add(ConfigProblem.invalid("enqueue.queueByBand", "only applies when answer is enqueue, but answer is "
                    + answer, null));
        }
        return out;
    }

    private static Validator text(int max) {
        return Validator.<String>of(s -> !s.isBlank() && s.length() <= max && PRINTABLE.matcher(s).matches(),
                "must be 1 to " + max + " characters without control characters");
    }

    private static Validator queue() {
        return Validator.<String>of(s -> !s.isBlank() && QUEUE.matcher(s).matches(),
                "must be a queue name of 1 to 64 characters without control characters");
    }

    private static Validator url() {
        return Validator.<String>of(s -> s.length() <= 2048 && HTTP_URL.matcher(s).matches(),
                "must be an absolute http(s) URL");
    }

    private static Validator durationBetween(Duration min, Duration max) {
        return Validator.<Duration>of(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0,
                "must be between " + min.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + " and "
                        + max.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
    }
}

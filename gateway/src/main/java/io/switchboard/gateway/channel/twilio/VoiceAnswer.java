package io.switchboard.gateway.channel.twilio;

import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.contact.PriorityBand;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The TwiML a {@code twilio-voice} channel answers incoming calls with, from its validated configuration.
 * Immutable and thread-safe.
 */
final class VoiceAnswer {

    enum Kind { SAY, ENQUEUE, REDIRECT, DIAL }

    private final Kind kind;
    private final ConfigValues say;
    private final ConfigValues enqueue;
    private final ConfigValues dial;
    private final ConfigValues redirect;
    private final Map<PriorityBand, String> queueByBand = new EnumMap<>(PriorityBand.class);

    private VoiceAnswer(ConfigValues config) {
        this.kind = Kind.valueOf(config.getString("answer").toUpperCase(java.util.Locale.ROOT));
        this.say = config.getObject("say");
        this.enqueue = config.getObject("enqueue");
        this.dial = config.getObject("dial");
        this.redirect = config.getObject("redirect");
        ConfigValues bands = enqueue.getObject("queueByBand");
        for (PriorityBand b : PriorityBand.values()) {
            if (bands.has(b.name())) {
                queueByBand.put(b, bands.getString(b.name()));
            }
        }
    }

    /**
     * @param config the channel's values, checked by {@link TwilioVoiceAdapterFactory#problems}
     * @return the answer
     */
    static VoiceAnswer of(ConfigValues config) {
        return new VoiceAnswer(config);
    }

    /** @return how long the answer waits for the plugin chain: only when it routes by priority band */
    Duration chainWait() {
        return kind == Kind.ENQUEUE && !queueByBand.isEmpty() ? enqueue.getDuration("priorityWait") : Duration.ZERO;
    }

    /**
     * Renders the answer to an incoming call.
     *
     * @param callbackUrl the URL Twilio called (recording and transcription callbacks come back to it)
     * @param band        the caller's priority band when the chain has set it in time, else null
     * @return the TwiML document
     */
    String render(String callbackUrl, PriorityBand band) {
        Twiml t = Twiml.response();
        switch (kind) {
            case SAY -> {
                t.text("Say", say.getString("text"), "voice", say.getString("voice"), "language",
                        say.getString("language"));
                if (say.getBoolean("record")) {
                    boolean transcribe = say.getBoolean("transcribe");
                    t.empty("Record", "action", callbackUrl, "method", "POST",
                            "maxLength", String.valueOf(Math.max(1, say.getDuration("maxLength").toSeconds())),
                            "playBeep", "true",
                            "transcribe", transcribe ? "true" : null,
                            "transcribeCallback", transcribe ? callbackUrl : null);
                }
            }
            case ENQUEUE -> {
                String queue = band == null ? null : queueByBand.get(band);
                t.text("Enqueue", queue != null ? queue : enqueue.getString("queue"), "waitUrl",
                        enqueue.getString("waitUrl"));
            }
            case REDIRECT -> t.text("Redirect", redirect.getString("url"), "method", redirect.getString("method"));
            case DIAL -> {
                String number = dial.getString("number");
                t.open("Dial", "callerId", dial.getString("callerId"), "timeout",
                        String.valueOf(dial.getDuration("timeout").toSeconds()));
                if (number.startsWith("sip")) {
                    t.text("Sip", number);
                } else {
                    t.text("Number", number);
                }
                t.close();
            }
            default -> throw new IllegalStateException("unhandled answer " + kind);
        }
        return t.end();
    }
}

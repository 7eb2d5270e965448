package io.switchboard.loadtest.traffic;

import java.util.List;
import java.util.Locale;

/**
 * The kinds of provider traffic the load tests generate, each with the channel it goes to (the channel ids
 * of {@code config/loadtest.yaml}), whether it is private (a customer writing to the company) or public (a
 * post anyone can see), and the headers its requests carry.
 */
public enum Kind {
    /** Twilio Programmable Messaging: an inbound SMS, form-encoded and signed. */
    SMS("lt-sms", true, 200, "Content-Type", "X-Twilio-Signature", "I-Twilio-Idempotency-Token", "User-Agent"),
    /** Twilio Programmable Voice: an incoming call, form-encoded and signed. */
    VOICE("lt-voice", true, 200, "Content-Type", "X-Twilio-Signature", "I-Twilio-Idempotency-Token", "User-Agent"),
    /** Meta: a Messenger batch ({@code object=page}, {@code messaging[]}). */
    MESSENGER("lt-meta", true, 200, "Content-Type", "X-Hub-Signature-256", "User-Agent"),
    /** Meta: a WhatsApp Cloud API batch ({@code object=whatsapp_business_account}). */
    WHATSAPP("lt-meta", true, 200, "Content-Type", "X-Hub-Signature-256", "User-Agent"),
    /** Meta: a public comment on the Page's feed. */
    FB_COMMENT("lt-meta", false, 200, "Content-Type", "X-Hub-Signature-256", "User-Agent"),
    /** X: a direct message to the brand. */
    X_DM("lt-x", true, 200, "Content-Type", "x-twitter-webhooks-signature", "User-Agent"),
    /** X: a public mention of the brand. */
    X_MENTION("lt-x", false, 200, "Content-Type", "x-twitter-webhooks-signature", "User-Agent"),
    /** X: a CRC challenge (GET), answered with the HMAC of the token; stores nothing. */
    X_CRC("lt-x", false, 200, "User-Agent"),
    /** A website contact form (url-encoded or JSON), with an Idempotency-Key. */
    FORM("lt-form", true, 202, "Content-Type", "Idempotency-Key", "Origin", "User-Agent");

    private final String defaultChannel;
    private final boolean privateChannel;
    private final int expectedStatus;
    private final List<String> headerNames;

    Kind(String defaultChannel, boolean privateChannel, int expectedStatus, String... headerNames) {
        this.defaultChannel = defaultChannel;
        this.privateChannel = privateChannel;
        this.expectedStatus = expectedStatus;
        this.headerNames = List.of(headerNames);
    }

    /** @return the channel id in {@code config/loadtest.yaml} */
    public String defaultChannel() {
        return defaultChannel;
    }

    /** @return whether this is private traffic (messages, calls, forms) rather than public posts */
    public boolean isPrivate() {
        return privateChannel;
    }

    /** @return the status a healthy gateway answers */
    public int expectedStatus() {
        return expectedStatus;
    }

    /** @return the names of the headers every request of this kind carries */
    public List<String> headerNames() {
        return headerNames;
    }

    /** @return whether requests of this kind store contacts (a CRC does not) */
    public boolean storesContacts() {
        return this != X_CRC;
    }

    /** @return the name used in parameters and reports, e.g. {@code x-dm} */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param id a name such as {@code sms}, {@code x-dm} or {@code fb-comment} (case-insensitive)
     * @return the kind
     * @throws IllegalArgumentException naming the known kinds
     */
    public static Kind of(String id) {
        for (Kind k : values()) {
            if (k.id().equalsIgnoreCase(id.strip())) {
                return k;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Kind k : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(k.id());
        }
        throw new IllegalArgumentException("unknown traffic kind '" + id + "'; known kinds are " + known);
    }
}

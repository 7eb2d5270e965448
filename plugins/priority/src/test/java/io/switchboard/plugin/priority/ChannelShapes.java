package io.switchboard.plugin.priority;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.ChannelRef;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.CustomerMatch;
import io.switchboard.spi.contact.EmailAddress;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.PhoneNumber;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.ProviderUserId;
import io.switchboard.spi.contact.ThreadRef;
import io.switchboard.spi.contact.Visibility;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One contact shape per channel type the gateway knows, as its adapter shapes contacts: the channel id and type, the
 * kind, public or private, the provider, how the sender is identified, the language the channel reports (X's
 * {@code lang}), and the attributes it adds (an audience size where a channel has one).
 */
final class ChannelShapes {

    private ChannelShapes() {
    }

    /**
     * @param name  what it is
     * @param build the contact for a text
     */
    record Shape(String name, Function<String, Contact.Builder> build) {
        Contact contact(String text, CustomerMatch customer, Instant at, int counter) {
            return build.apply(text).id("c-" + name + "-" + counter).receivedAt(at).occurredAt(at).customer(customer)
                    .build();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Party PHONE = Party.UNKNOWN.withPhone(new PhoneNumber("+447700900123", "+447700900123", true,
            Assurance.PROVIDER)).withDisplayName("Jane Customer");

    private static Contact.Builder base(String channelId, String type, ContactKind kind, Visibility v, String provider,
                                        String event, String text) {
        return Contact.builder().channel(new ChannelRef(channelId, type)).kind(kind).visibility(v)
                .provider(new ProviderRef(provider, "acct-1", event + "-" + Integer.toHexString(text.hashCode()), event))
                .content(Content.text(text));
    }

    private static Party user(String provider, String scope, String id, String handle) {
        return new Party(new ProviderUserId(provider, scope, id, Assurance.PROVIDER), handle, "Jane Customer", null, null);
    }

    /** Every channel type, with the sub-channels of Meta, Twilio and Vonage. */
    static final List<Shape> ALL = List.of(
            new Shape("web-form", t -> base("contact-us", "web-form", ContactKind.FORM, Visibility.PRIVATE, "web", "form", t)
                    .sender(Party.UNKNOWN.withDisplayName("Jane Customer")
                            .withEmail(new EmailAddress("jane@example.com", Assurance.SELF_ASSERTED)))
                    .recipient(new Endpoint("form", "contact-us", null, null))),
            new Shape("x-tweet", t -> base("x", "x", ContactKind.MENTION, Visibility.PUBLIC, "x", "tweet_create_events", t)
                    .sender(user("x", "global", "1234567890", "@janecust"))
                    .content(Content.text(t).withLanguage("en"))
                    .thread(new ThreadRef("1719000000000000000", null, null))
                    .attribute("x", "followersCount", 1_250_000)),
            new Shape("x-dm", t -> base("x", "x", ContactKind.MESSAGE, Visibility.PRIVATE, "x", "direct_message_events", t)
                    .sender(user("x", "global", "1234567890", "@janecust"))),
            new Shape("meta-page-comment", t -> base("facebook", "meta", ContactKind.COMMENT, Visibility.PUBLIC, "meta", "feed", t)
                    .sender(user("meta", "page-1", "6000000000001", null))
                    .thread(new ThreadRef(null, null, "page-1_post-9"))
                    .attribute("meta", "reactions", 9_000)),
            new Shape("meta-messenger", t -> base("facebook", "meta", ContactKind.MESSAGE, Visibility.PRIVATE, "meta", "messages", t)
                    .sender(user("meta", "page-1", "6000000000001", null))),
            new Shape("meta-instagram-comment", t -> base("instagram", "meta", ContactKind.COMMENT, Visibility.PUBLIC, "meta", "comments", t)
                    .sender(user("meta", "ig-1", "17841400000000001", "janecust"))
                    .attribute("meta", "followersCount", 48_000)),
            new Shape("meta-instagram-dm", t -> base("instagram", "meta", ContactKind.MESSAGE, Visibility.PRIVATE, "meta", "messages", t)
                    .sender(user("meta", "ig-1", "17841400000000001", "janecust"))),
            new Shape("meta-whatsapp", t -> base("whatsapp", "meta", ContactKind.MESSAGE, Visibility.PRIVATE, "meta", "messages", t)
                    .sender(PHONE).recipient(new Endpoint("phone", "106540352242922", "+15550783881", "Acme"))),
            new Shape("twilio-voice-call", t -> base("voice", "twilio-voice", ContactKind.CALL, Visibility.PRIVATE, "twilio", "CallStatus=ringing", t)
                    .sender(PHONE).attribute("twilio", "fromCountry", "GB")),
            new Shape("twilio-voice-voicemail", t -> base("voice", "twilio-voice", ContactKind.VOICEMAIL, Visibility.PRIVATE, "twilio", "recording", t)
                    .sender(PHONE)),
            new Shape("twilio-messaging-sms", t -> base("sms", "twilio-messaging", ContactKind.MESSAGE, Visibility.PRIVATE, "twilio", "message", t)
                    .sender(PHONE).attribute("twilio", "fromCountry", "GB")),
            new Shape("twilio-messaging-whatsapp", t -> base("wa-twilio", "twilio-messaging", ContactKind.MESSAGE, Visibility.PRIVATE, "twilio", "message", t)
                    .sender(PHONE)),
            new Shape("vonage-voice", t -> base("vonage-voice", "vonage-voice", ContactKind.CALL, Visibility.PRIVATE, "vonage", "answer", t)
                    .sender(PHONE)),
            new Shape("vonage-messages", t -> base("vonage-msg", "vonage-messages", ContactKind.MESSAGE, Visibility.PRIVATE, "vonage", "inbound", t)
                    .sender(PHONE).attribute("vonage", "channel", "sms")),
            new Shape("telegram", t -> base("telegram", "telegram", ContactKind.MESSAGE, Visibility.PRIVATE, "telegram", "message", t)
                    .sender(user("telegram", "global", "987654321", "@janecust"))),
            new Shape("email", t -> base("email", "email", ContactKind.EMAIL, Visibility.PRIVATE, "email", "inbound", t)
                    .sender(Party.UNKNOWN.withEmail(new EmailAddress("jane@example.com", Assurance.PROVIDER)))),
            new Shape("webhook", t -> base("partner", "webhook", ContactKind.MESSAGE, Visibility.PRIVATE, "webhook", "message.created", t)
                    .sender(user("webhook", "partner", "u-77", null))));

    /** The channel types covered; the fairness test checks this against the gateway's list. */
    static List<String> types() {
        return ALL.stream().map(s -> s.contact("x", null, Instant.EPOCH, 0).channel().type()).distinct().toList();
    }
}

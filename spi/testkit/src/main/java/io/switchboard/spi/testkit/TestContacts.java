package io.switchboard.spi.testkit;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.Visibility;

/**
 * Starting points for test contacts, one per channel kind, each shaped as the gateway's adapter for that
 * channel shapes it: channel id and type, contact kind, public or private, the provider, how the sender is
 * identified (provider user ids in the provider's scope; phone numbers with the assurance the channel gives).
 * Refine with the returned {@link ContactFixture}.
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>preset</th><th>channel (id / type)</th><th>kind</th><th>visibility</th><th>sender identified by</th></tr>
 *   <tr><td>{@link #tweet()}</td><td>{@code x} / {@code x}</td><td>MENTION</td><td>public</td><td>X user id (scope {@code global})</td></tr>
 *   <tr><td>{@link #xDirectMessage()}</td><td>{@code x} / {@code x}</td><td>MESSAGE</td><td>private</td><td>X user id</td></tr>
 *   <tr><td>{@link #facebookComment()}</td><td>{@code facebook} / {@code meta}</td><td>COMMENT</td><td>public</td><td>page-scoped id</td></tr>
 *   <tr><td>{@link #messenger()}</td><td>{@code facebook} / {@code meta}</td><td>MESSAGE</td><td>private</td><td>page-scoped id</td></tr>
 *   <tr><td>{@link #instagramComment()}</td><td>{@code instagram} / {@code meta}</td><td>COMMENT</td><td>public</td><td>Instagram-scoped id</td></tr>
 *   <tr><td>{@link #whatsApp()}</td><td>{@code whatsapp} / {@code meta}</td><td>MESSAGE</td><td>private</td><td>phone (provider)</td></tr>
 *   <tr><td>{@link #sms()}</td><td>{@code sms} / {@code twilio-messaging}</td><td>MESSAGE</td><td>private</td><td>phone (provider)</td></tr>
 *   <tr><td>{@link #call()}</td><td>{@code voice} / {@code twilio-voice}</td><td>CALL</td><td>private</td><td>phone (provider)</td></tr>
 *   <tr><td>{@link #voicemail()}</td><td>{@code voice} / {@code twilio-voice}</td><td>VOICEMAIL</td><td>private</td><td>phone (provider)</td></tr>
 *   <tr><td>{@link #telegram()}</td><td>{@code telegram} / {@code telegram}</td><td>MESSAGE</td><td>private</td><td>Telegram user id</td></tr>
 *   <tr><td>{@link #email()}</td><td>{@code email} / {@code email}</td><td>EMAIL</td><td>private</td><td>email (provider)</td></tr>
 *   <tr><td>{@link #form()}</td><td>{@code contact-us} / {@code web-form}</td><td>FORM</td><td>private</td><td>email and phone (self-asserted)</td></tr>
 * </table>
 */
public final class TestContacts {

    private TestContacts() {
    }

    /** @return a public tweet mentioning the brand */
    public static ContactFixture tweet() {
        return new ContactFixture("x", "x", ContactKind.MENTION, Visibility.PUBLIC, "x", "global", Assurance.INFERRED,
                "tweet_create_events");
    }

    /** @return an X direct message */
    public static ContactFixture xDirectMessage() {
        return new ContactFixture("x", "x", ContactKind.MESSAGE, Visibility.PRIVATE, "x", "global", Assurance.INFERRED,
                "direct_message_events");
    }

    /** @return a public comment on a Facebook Page post */
    public static ContactFixture facebookComment() {
        return new ContactFixture("facebook", "meta", ContactKind.COMMENT, Visibility.PUBLIC, "meta", "page-1",
                Assurance.INFERRED, "feed").to(new Endpoint("page", "page-1", null, null));
    }

    /** @return a Messenger message to a Facebook Page */
    public static ContactFixture messenger() {
        return new ContactFixture("facebook", "meta", ContactKind.MESSAGE, Visibility.PRIVATE, "meta", "page-1",
                Assurance.INFERRED, "messages").to(new Endpoint("page", "page-1", null, null));
    }

    /** @return a public comment on an Instagram post */
    public static ContactFixture instagramComment() {
        return new ContactFixture("instagram", "meta", ContactKind.COMMENT, Visibility.PUBLIC, "meta", "ig-1",
                Assurance.INFERRED, "comments").to(new Endpoint("account", "ig-1", null, null));
    }

    /** @return a WhatsApp message; {@link ContactFixture#from(String)} sets the sender's number (provider-asserted) */
    public static ContactFixture whatsApp() {
        return new ContactFixture("whatsapp", "meta", ContactKind.MESSAGE, Visibility.PRIVATE, "meta", "waba-1",
                Assurance.PROVIDER, "messages");
    }

    /** @return an SMS; {@link ContactFixture#from(String)} sets the sender's number (provider-asserted) */
    public static ContactFixture sms() {
        return new ContactFixture("sms", "twilio-messaging", ContactKind.MESSAGE, Visibility.PRIVATE, "twilio", "global",
                Assurance.PROVIDER, "message");
    }

    /** @return an inbound phone call; {@link ContactFixture#from(String)} sets the caller's network number */
    public static ContactFixture call() {
        return new ContactFixture("voice", "twilio-voice", ContactKind.CALL, Visibility.PRIVATE, "twilio", "global",
                Assurance.PROVIDER, "CallStatus=ringing");
    }

    /** @return a voicemail (a recording, perhaps with a transcript as text) */
    public static ContactFixture voicemail() {
        return new ContactFixture("voice", "twilio-voice", ContactKind.VOICEMAIL, Visibility.PRIVATE, "twilio", "global",
                Assurance.PROVIDER, "recording");
    }

    /** @return a Telegram message to the brand's bot */
    public static ContactFixture telegram() {
        return new ContactFixture("telegram", "telegram", ContactKind.MESSAGE, Visibility.PRIVATE, "telegram", "global",
                Assurance.INFERRED, "message");
    }

    /** @return an inbound email; {@link ContactFixture#email(String)} sets the sender (provider-asserted) */
    public static ContactFixture email() {
        return new ContactFixture("email", "email", ContactKind.EMAIL, Visibility.PRIVATE, "email", "global",
                Assurance.INFERRED, "inbound");
    }

    /** @return a web-form submission; email and phone are self-asserted (typed in, unverified) */
    public static ContactFixture form() {
        return new ContactFixture("contact-us", "web-form", ContactKind.FORM, Visibility.PRIVATE, "web", "global",
                Assurance.SELF_ASSERTED, "form").to(new Endpoint("form", "contact-us", null, null));
    }

    /**
     * @param kind a contact kind
     * @return the preset for that kind (MENTION: a tweet; COMMENT: a Facebook comment; MESSAGE: an SMS;
     *         STATUS: an SMS delivery status)
     */
    public static ContactFixture of(ContactKind kind) {
        return switch (kind) {
            case MENTION -> tweet();
            case COMMENT -> facebookComment();
            case MESSAGE -> sms();
            case CALL -> call();
            case VOICEMAIL -> voicemail();
            case FORM -> form();
            case EMAIL -> email();
            case STATUS -> sms().kind(ContactKind.STATUS);
        };
    }

    /** @return a minimal contact, for plugins that do not care what it is */
    public static Contact any() {
        return form().text("hello").build();
    }
}

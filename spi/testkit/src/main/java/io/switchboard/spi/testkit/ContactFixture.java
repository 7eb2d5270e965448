package io.switchboard.spi.testkit;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Attachment;
import io.switchboard.spi.contact.ChannelRef;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.CustomerMatch;
import io.switchboard.spi.contact.EmailAddress;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.PhoneNumber;
import io.switchboard.spi.contact.Priority;
import io.switchboard.spi.contact.PriorityBand;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.ProviderUserId;
import io.switchboard.spi.contact.RawRef;
import io.switchboard.spi.contact.ThreadRef;
import io.switchboard.spi.contact.Visibility;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A fluent builder of a realistic {@link Contact}, started from one of the channel presets in
 * {@link TestContacts} (which set the channel, kind, visibility, provider and how the sender is identified,
 * as the gateway's adapter for that channel would). Every setter returns this fixture; {@link #build()} makes
 * an immutable contact. Phone numbers are normalised with {@link TestPhoneNumbers} in the fixture's region, as
 * an adapter would normalise them. Not thread-safe.
 *
 * <pre>{@code
 * Contact c = TestContacts.whatsApp().from("+44 7700 900123").text("my card was stolen").build();
 * Contact t = TestContacts.tweet().handle("@janecust").userId("2244994945").text("@acme outage again").build();
 * }</pre>
 */
public final class ContactFixture {

    private final Contact.Builder b;
    private final String provider;
    private final String userScope;
    private final Assurance phoneAssurance;
    private String region;
    private String text;
    private String subject;
    private String language;
    private final List<Attachment> attachments = new ArrayList<>();

    ContactFixture(String channelId, String channelType, ContactKind kind, Visibility visibility, String provider,
                   String userScope, Assurance phoneAssurance, String eventType) {
        this.provider = provider;
        this.userScope = userScope;
        this.phoneAssurance = phoneAssurance;
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        this.b = Contact.builder().id(id).channel(new ChannelRef(channelId, channelType)).kind(kind)
                .visibility(visibility).occurredAt(now).receivedAt(now)
                .provider(new ProviderRef(provider, null, "evt-" + id, eventType));
    }

    /** @param id the gateway id (default: a random UUID) @return this */
    public ContactFixture id(String id) {
        b.id(Objects.requireNonNull(id));
        return this;
    }

    /** @param tenant the tenant (default {@code default}) @return this */
    public ContactFixture tenant(String tenant) {
        b.tenant(tenant);
        return this;
    }

    /**
     * @param id   the channel instance id, as a chain would see it
     * @param type the channel type
     * @return this
     */
    public ContactFixture channel(String id, String type) {
        b.channel(new ChannelRef(id, type));
        return this;
    }

    /** @param id the channel instance id, keeping the preset's type @return this */
    public ContactFixture channel(String id) {
        b.channel(new ChannelRef(id, b.build().channel().type()));
        return this;
    }

    /** @param kind the contact kind @return this */
    public ContactFixture kind(ContactKind kind) {
        b.kind(kind);
        return this;
    }

    /** @return this, made in public (a tweet, a page comment) */
    public ContactFixture inPublic() {
        b.visibility(Visibility.PUBLIC);
        return this;
    }

    /** @return this, made in private (a DM, a call, a form) */
    public ContactFixture inPrivate() {
        b.visibility(Visibility.PRIVATE);
        return this;
    }

    /** @param text the text @return this */
    public ContactFixture text(String text) {
        this.text = text;
        return this;
    }

    /** @param subject the subject (email, form) @return this */
    public ContactFixture subject(String subject) {
        this.subject = subject;
        return this;
    }

    /** @param language a BCP-47 tag @return this */
    public ContactFixture language(String language) {
        this.language = language;
        return this;
    }

    /** @param attachment an attachment to add @return this */
    public ContactFixture attachment(Attachment attachment) {
        attachments.add(Objects.requireNonNull(attachment));
        return this;
    }

    /**
     * @param region the ISO 3166 region national phone numbers are read in (e.g. {@code GB}, as Twilio's
     *               {@code FromCountry} or a channel's {@code defaultRegion} would give it)
     * @return this
     */
    public ContactFixture region(String region) {
        this.region = region;
        return this;
    }

    /**
     * Sets the sender's phone number, normalised as the channel's adapter would (assurance: the preset's, e.g.
     * {@link Assurance#PROVIDER} for a caller's network number, {@link Assurance#SELF_ASSERTED} for a form).
     *
     * @param raw the number as written
     * @return this
     */
    public ContactFixture from(String raw) {
        return phone(raw, phoneAssurance);
    }

    /**
     * @param raw       the sender's phone number as written
     * @param assurance how it was obtained
     * @return this
     */
    public ContactFixture phone(String raw, Assurance assurance) {
        PhoneNumber p = TestPhoneNumbers.get().normalise(raw, region, assurance);
        b.sender(b.sender().withPhone(p));
        return this;
    }

    /**
     * Sets the sender's email, trimmed and lower-cased as adapters do (assurance: {@link Assurance#PROVIDER}
     * for an email channel, {@link Assurance#SELF_ASSERTED} otherwise).
     *
     * @param address the address as written
     * @return this
     */
    public ContactFixture email(String address) {
        Assurance a = b.build().kind() == ContactKind.EMAIL ? Assurance.PROVIDER : Assurance.SELF_ASSERTED;
        return email(address, a);
    }

    /**
     * @param address   the sender's email address as written
     * @param assurance how it was obtained
     * @return this
     */
    public ContactFixture email(String address, Assurance assurance) {
        b.sender(b.sender().withEmail(new EmailAddress(address.strip().toLowerCase(Locale.ROOT), assurance)));
        return this;
    }

    /**
     * Sets the sender's immutable provider user id in the preset's provider and scope.
     *
     * @param id the provider's user id
     * @return this
     */
    public ContactFixture userId(String id) {
        return userId(userScope, id);
    }

    /**
     * @param scope the scope in which the id is unique (a Page id for a PSID, {@code global} for X)
     * @param id    the provider's user id
     * @return this
     */
    public ContactFixture userId(String scope, String id) {
        b.sender(b.sender().withUserId(new ProviderUserId(provider, scope, id, Assurance.PROVIDER)));
        return this;
    }

    /** @param handle the sender's handle, e.g. {@code @janecust} @return this */
    public ContactFixture handle(String handle) {
        b.sender(b.sender().withHandle(handle));
        return this;
    }

    /** @param name the sender's display name @return this */
    public ContactFixture name(String name) {
        b.sender(b.sender().withDisplayName(name));
        return this;
    }

    /** @param sender the whole sender @return this */
    public ContactFixture sender(Party sender) {
        b.sender(sender);
        return this;
    }

    /** @param recipient the business endpoint addressed @return this */
    public ContactFixture to(Endpoint recipient) {
        b.recipient(recipient);
        return this;
    }

    /** @param at when it happened and was received @return this */
    public ContactFixture at(Instant at) {
        b.occurredAt(at).receivedAt(at);
        return this;
    }

    /** @param at when the gateway received it @return this */
    public ContactFixture receivedAt(Instant at) {
        b.receivedAt(at);
        return this;
    }

    /** @param at when it happened per the provider (null when the provider does not say) @return this */
    public ContactFixture occurredAt(Instant at) {
        b.occurredAt(at);
        return this;
    }

    /** @param eventId the provider's event id @return this */
    public ContactFixture eventId(String eventId) {
        ProviderRef p = b.build().provider();
        b.provider(new ProviderRef(p.provider(), p.account(), eventId, p.eventType()));
        return this;
    }

    /** @param account the business account at the provider @return this */
    public ContactFixture account(String account) {
        ProviderRef p = b.build().provider();
        b.provider(new ProviderRef(p.provider(), account, p.eventId(), p.eventType()));
        return this;
    }

    /** @param threadId the provider's thread id @return this */
    public ContactFixture thread(String threadId) {
        b.thread(new ThreadRef(threadId, null, null));
        return this;
    }

    /** @param thread the provider's threading @return this */
    public ContactFixture thread(ThreadRef thread) {
        b.thread(thread);
        return this;
    }

    /** @param tag a tag to add (as an earlier step would have) @return this */
    public ContactFixture tag(String tag) {
        b.tag(tag);
        return this;
    }

    /**
     * @param namespace the attribute namespace
     * @param key       the key
     * @param value     a JSON-compatible value
     * @return this
     */
    public ContactFixture attribute(String namespace, String key, Object value) {
        b.attribute(namespace, key, value);
        return this;
    }

    /**
     * Marks the contact linked to a customer, as an identity step earlier in the chain would.
     *
     * @param customerId the customer id
     * @param level      the match level
     * @return this
     */
    public ContactFixture customer(String customerId, MatchLevel level) {
        b.customer(new CustomerMatch(customerId, "test", level, 1.0, true, List.of()));
        return this;
    }

    /** @param match the customer match @return this */
    public ContactFixture customer(CustomerMatch match) {
        b.customer(match);
        return this;
    }

    /** @param key the conversation key, as a continuity step would set it @return this */
    public ContactFixture conversation(String key) {
        b.conversationKey(key);
        return this;
    }

    /**
     * @param score 0 to 100
     * @param band  the band
     * @return this
     */
    public ContactFixture priority(int score, PriorityBand band) {
        b.priority(new Priority(score, band, List.of()));
        return this;
    }

    /** @param raw the raw payload reference @return this */
    public ContactFixture raw(RawRef raw) {
        b.raw(raw);
        return this;
    }

    /**
     * Anything else, on the SPI's own builder.
     *
     * @param change edits the builder
     * @return this
     */
    public ContactFixture with(Consumer<Contact.Builder> change) {
        change.accept(b);
        return this;
    }

    /** @return the contact */
    public Contact build() {
        Content base = b.content();
        b.content(new Content(text != null ? text : base.text(), subject != null ? subject : base.subject(),
                language != null ? language : base.language(),
                attachments.isEmpty() ? base.attachments() : List.copyOf(attachments)));
        return b.build();
    }
}

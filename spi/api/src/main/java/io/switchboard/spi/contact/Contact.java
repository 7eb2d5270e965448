package io.switchboard.spi.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One inbound contact, from any channel, in the one model. Immutable and versioned
 * ({@link #schemaVersion()}); change it with {@link #toBuilder()}.
 *
 * <p>The first group of components is set by the channel adapter and the gateway at intake and never
 * changes afterwards. The second group ({@code customer} onwards) holds what plugins add.
 *
 * <p>{@link #toString()} prints ids only, never personal data, so a contact is safe to log.
 *
 * @param id             the gateway's id: a time-ordered UUIDv7 string
 * @param schemaVersion  the model version this contact was written with; {@link #SCHEMA_VERSION} for new ones
 * @param tenant         the tenant that owns the channel; identity never links across tenants
 * @param channel        the channel instance it came through
 * @param kind           what kind of contact it is
 * @param visibility     public or private
 * @param occurredAt     when it happened, per the provider; nullable when the provider does not say
 * @param receivedAt     when the gateway received it
 * @param sender         who made it; never null ({@link Party#UNKNOWN})
 * @param recipient      the business endpoint it was addressed to; nullable
 * @param content        what it says; never null ({@link Content#EMPTY})
 * @param thread         the provider's threading; never null ({@link ThreadRef#NONE})
 * @param provider       the provider's reference, with the event id used to de-duplicate retries
 * @param raw            the raw payload it was normalised from; nullable only for contacts built in tests
 * @param traceId        the trace id of the request that carried it; nullable
 * @param customer       the customer match, added by an identity plugin; nullable
 * @param conversationKey the cross-channel conversation key, added by a continuity plugin; nullable
 * @param priority       the priority, added by a priority plugin; nullable
 * @param redactions     what was found (and possibly redacted) in the text; never null
 * @param tags           free-form tags, in insertion order; never null
 * @param attributes     namespaced attributes; never null
 * @param processing     the pipeline state; never null
 */
public record Contact(
        String id,
        int schemaVersion,
        String tenant,
        ChannelRef channel,
        ContactKind kind,
        Visibility visibility,
        Instant occurredAt,
        Instant receivedAt,
        Party sender,
        Endpoint recipient,
        Content content,
        ThreadRef thread,
        ProviderRef provider,
        RawRef raw,
        String traceId,
        CustomerMatch customer,
        String conversationKey,
        Priority priority,
        List<Redaction> redactions,
        Set<String> tags,
        Attributes attributes,
        Processing processing) {

    /** The schema version this SPI writes. Readers accept this version and older ones. */
    public static final int SCHEMA_VERSION = 1;

    /** The tenant of channels that do not name one. */
    public static final String DEFAULT_TENANT = "default";

    /** Canonical constructor: checks required components, fills defaults, copies collections. */
    public Contact {
        Objects.requireNonNull(id, "id");
        if (schemaVersion < 1 || schemaVersion > SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion must be between 1 and " + SCHEMA_VERSION
                    + ", but was " + schemaVersion);
        }
        tenant = tenant == null ? DEFAULT_TENANT : tenant;
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(provider, "provider");
        sender = sender == null ? Party.UNKNOWN : sender;
        content = content == null ? Content.EMPTY : content;
        thread = thread == null ? ThreadRef.NONE : thread;
        redactions = redactions == null ? List.of() : List.copyOf(redactions);
        tags = tags == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        attributes = attributes == null ? Attributes.EMPTY : attributes;
        processing = processing == null ? Processing.ACCEPTED : processing;
    }

    /** @return a new builder, for adapters and tests */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised with this contact's components */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return whether the contact was made in public */
    public boolean isPublic() {
        return visibility == Visibility.PUBLIC;
    }

    /**
     * @param tag a tag
     * @return a copy with the tag added
     */
    public Contact withTag(String tag) {
        return toBuilder().tag(tag).build();
    }

    /**
     * @param namespace an attribute namespace
     * @param key       a key
     * @param value     a JSON-compatible value
     * @return a copy with the attribute set
     */
    public Contact withAttribute(String namespace, String key, Object value) {
        return toBuilder().attributes(attributes.with(namespace, key, value)).build();
    }

    /** {@return ids only, no personal data} */
    @Override
    public String toString() {
        return "Contact[id=" + id + ", channel=" + channel.id() + ", kind=" + kind + ", visibility=" + visibility
                + ", eventId=" + provider.eventId() + ", status=" + processing.status() + "]";
    }

    /** A mutable builder of {@link Contact}. Not thread-safe. */
    public static final class Builder {
        private String id;
        private int schemaVersion = SCHEMA_VERSION;
        private String tenant;
        private ChannelRef channel;
        private ContactKind kind;
        private Visibility visibility;
        private Instant occurredAt;
        private Instant receivedAt;
        private Party sender = Party.UNKNOWN;
        private Endpoint recipient;
        private Content content = Content.EMPTY;
        private ThreadRef thread = ThreadRef.NONE;
        private ProviderRef provider;
        private RawRef raw;
        private String traceId;
        private CustomerMatch customer;
        private String conversationKey;
        private Priority priority;
        private final List<Redaction> redactions = new ArrayList<>();
        private final Set<String> tags = new LinkedHashSet<>();
        private Attributes attributes = Attributes.EMPTY;
        private Processing processing = Processing.ACCEPTED;

        Builder() {
        }

        Builder(Contact c) {
            id = c.id;
            schemaVersion = c.schemaVersion;
            tenant = c.tenant;
            channel = c.channel;
            kind = c.kind;
            visibility = c.visibility;
            occurredAt = c.occurredAt;
            receivedAt = c.receivedAt;
            sender = c.sender;
            recipient = c.recipient;
            content = c.content;
            thread = c.thread;
            provider = c.provider;
            raw = c.raw;
            traceId = c.traceId;
            customer = c.customer;
            conversationKey = c.conversationKey;
            priority = c.priority;
            redactions.addAll(c.redactions);
            tags.addAll(c.tags);
            attributes = c.attributes;
            processing = c.processing;
        }

        /** @param v the gateway id @return this */
        public Builder id(String v) { id = v; return this; }
        /** @param v the schema version @return this */
        public Builder schemaVersion(int v) { schemaVersion = v; return this; }
        /** @param v the tenant @return this */
        public Builder tenant(String v) { tenant = v; return this; }
        /** @param v the channel @return this */
        public Builder channel(ChannelRef v) { channel = v; return this; }
        /** @param v the kind @return this */
        public Builder kind(ContactKind v) { kind = v; return this; }
        /** @param v the visibility @return this */
        public Builder visibility(Visibility v) { visibility = v; return this; }
        /** @param v when it happened @return this */
        public Builder occurredAt(Instant v) { occurredAt = v; return this; }
        /** @param v when it was received @return this */
        public Builder receivedAt(Instant v) { receivedAt = v; return this; }
        /** @param v the sender @return this */
        public Builder sender(Party v) { sender = v; return this; }
        /** @param v the recipient @return this */
        public Builder recipient(Endpoint v) { recipient = v; return this; }
        /** @param v the content @return this */
        public Builder content(Content v) { content = v; return this; }
        /** @param v the thread reference @return this */
        public Builder thread(ThreadRef v) { thread = v; return this; }
        /** @param v the provider reference @return this */
        public Builder provider(ProviderRef v) { provider = v; return this; }
        /** @param v the raw payload reference @return this */
        public Builder raw(RawRef v) { raw = v; return this; }
        /** @param v the trace id @return this */
        public Builder traceId(String v) { traceId = v; return this; }
        /** @param v the customer match @return this */
        public Builder customer(CustomerMatch v) { customer = v; return this; }
        /** @param v the conversation key @return this */
        public Builder conversationKey(String v) { conversationKey = v; return this; }
        /** @param v the priority @return this */
        public Builder priority(Priority v) { priority = v; return this; }
        /** @param v a redaction to add @return this */
        public Builder redaction(Redaction v) { redactions.add(Objects.requireNonNull(v)); return this; }
        /** @param v the redactions, replacing any @return this */
        public Builder redactions(List<Redaction> v) { redactions.clear(); redactions.addAll(v); return this; }
        /** @param v a tag to add @return this */
        public Builder tag(String v) { tags.add(Objects.requireNonNull(v)); return this; }
        /** @param v the tags, replacing any @return this */
        public Builder tags(Set<String> v) { tags.clear(); tags.addAll(v); return this; }
        /** @param v the attributes @return this */
        public Builder attributes(Attributes v) { attributes = v; return this; }
        /** @param ns namespace @param key key @param value JSON-compatible value @return this */
        public Builder attribute(String ns, String key, Object value) {
            attributes = attributes.with(ns, key, value);
            return this;
        }
        /** @param v the processing state @return this */
        public Builder processing(Processing v) { processing = v; return this; }

        /** @return the id set so far (pre-filled by {@code InboundRequest.newContact()}) */
        public String id() { return id; }
        /** @return the current attributes, to derive changed ones */
        public Attributes attributes() { return attributes; }
        /** @return the current sender, to derive a changed one */
        public Party sender() { return sender; }
        /** @return the current content, to derive a changed one */
        public Content content() { return content; }

        /**
         * @return the contact
         * @throws NullPointerException     when a required component is missing
         * @throws IllegalArgumentException when a component is invalid
         */
        public Contact build() {
            return new Contact(id, schemaVersion, tenant, channel, kind, visibility, occurredAt, receivedAt, sender,
                    recipient, content, thread, provider, raw, traceId, customer, conversationKey, priority,
                    redactions, tags, attributes, processing);
        }
    }
}

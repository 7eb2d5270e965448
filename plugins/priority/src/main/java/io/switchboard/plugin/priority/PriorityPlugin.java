package io.switchboard.plugin.priority;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.CustomerMatch;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.PluginContext;
import io.switchboard.spi.plugin.PluginResult;
import io.switchboard.spi.service.ConversationRecord;
import io.switchboard.spi.service.Conversations;
import io.switchboard.spi.service.CustomerDirectory;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Gathers a contact's signals (its text; the linked customer's tier, as the identity step left it in the attribute
 * {@code identity.tier} or else from the directory; the conversation's size and
 * age, from the continuity step's attributes or the conversations service) and sets its priority. Status events
 * (delivery receipts) get no priority. A service that fails is left out of the score rather than failing the step.
 * Long texts are scored on a worker thread.
 */
final class PriorityPlugin implements ContactPlugin {

    /** Texts longer than this are scored on a worker thread, not the event loop. */
    static final int INLINE_LIMIT = 16 * 1024;

    /** Where the continuity plugin leaves the conversation's size and opening time. */
    static final String CONTINUITY = "continuity";

    private final PriorityPolicy policy;
    private final CustomerDirectory directory;
    private final Conversations conversations;
    private final boolean trustContactLanguage;
    private final String reachNamespace;
    private final String reachKey;

    PriorityPlugin(PriorityPolicy policy, CustomerDirectory directory, Conversations conversations,
                   boolean trustContactLanguage, String reachAttribute) {
        this.policy = policy;
        this.directory = directory;
        this.conversations = conversations;
        this.trustContactLanguage = trustContactLanguage;
        if (reachAttribute != null) {
            int dot = reachAttribute.indexOf('.');
            this.reachNamespace = reachAttribute.substring(0, dot);
            this.reachKey = reachAttribute.substring(dot + 1);
        } else {
            this.reachNamespace = null;
            this.reachKey = null;
        }
    }

    @Override
    public Future<PluginResult> apply(Contact contact, PluginContext context) {
        if (contact.kind() == ContactKind.STATUS) {
            return Future.succeededFuture(PluginResult.proceed(contact));
        }
        Future<String> tier = tier(contact);
        Future<Conversation> conversation = conversation(contact);
        Instant now = context.clock().instant();
        return Future.all(tier, conversation).compose(all -> {
            Signals s = signals(contact, tier.result(), conversation.result(), now);
            if (s.text() != null && s.text().length() > INLINE_LIMIT) {
                return context.vertx().executeBlocking(() -> PluginResult.proceed(
                        contact.toBuilder().priority(policy.score(s)).build()), false);
            }
            return Future.succeededFuture(PluginResult.proceed(contact.toBuilder().priority(policy.score(s)).build()));
        });
    }

    /** What the score needs of a conversation. */
    record Conversation(int contacts, Instant openedAt) {
        static final Conversation NONE = new Conversation(1, null);
    }

    Signals signals(Contact contact, String tier, Conversation conversation, Instant now) {
        String subject = contact.content().subject();
        String text = contact.content().text();
        String all = subject == null ? text : text == null ? subject : subject + "\n" + text;
        Instant since = conversation.openedAt() != null ? conversation.openedAt()
                : contact.occurredAt() != null ? contact.occurredAt() : contact.receivedAt();
        boolean exposed = policy.exposure().enabled();
        return new Signals(all, trustContactLanguage ? contact.content().language() : null, tier,
                conversation.contacts(), Duration.between(since, now), exposed && contact.isPublic(),
                exposed ? reach(contact) : null);
    }

    private Long reach(Contact contact) {
        if (reachNamespace == null) {
            return null;
        }
        String v = contact.attributes().getString(reachNamespace, reachKey);
        try {
            return v == null ? null : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Future<String> tier(Contact contact) {
        CustomerMatch m = contact.customer();
        if (m == null || !m.linked() || m.customerId() == null) {
            return Future.succeededFuture();
        }
        // The identity step leaves the linked customer's tier on the contact; otherwise ask the directory.
        String known = contact.attributes().getString("identity", "tier");
        if (known != null) {
            return Future.succeededFuture(known);
        }
        if (directory == null) {
            return Future.succeededFuture();
        }
        return directory.get(contact.tenant(), m.customerId())
                .map(c -> c == null ? null : c.tier())
                .recover(e -> Future.succeededFuture());
    }

    private Future<Conversation> conversation(Contact contact) {
        String count = contact.attributes().getString(CONTINUITY, "contactCount");
        String opened = contact.attributes().getString(CONTINUITY, "openedAt");
        if (count != null) {
            try {
                return Future.succeededFuture(new Conversation(Integer.parseInt(count),
                        opened == null ? null : Instant.parse(opened)));
            } catch (NumberFormatException | DateTimeParseException e) {
                // fall through to the service
            }
        }
        if (conversations == null || contact.conversationKey() == null) {
            return Future.succeededFuture(Conversation.NONE);
        }
        return conversations.get(contact.tenant(), contact.conversationKey())
                .map(PriorityPlugin::of)
                .recover(e -> Future.succeededFuture(Conversation.NONE));
    }

    private static Conversation of(ConversationRecord r) {
        return r == null ? Conversation.NONE : new Conversation(r.contactCount(), r.openedAt());
    }
}

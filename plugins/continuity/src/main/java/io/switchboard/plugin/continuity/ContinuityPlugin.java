package io.switchboard.plugin.continuity;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.PluginContext;
import io.switchboard.spi.plugin.PluginResult;
import io.switchboard.spi.service.ConversationRecord;
import io.switchboard.spi.service.Conversations;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;

/**
 * Puts a contact in its cross-channel conversation and sets {@link Contact#conversationKey()}.
 *
 * <ol>
 *   <li>A private contact in a provider thread the gateway has seen (an X DM conversation, an email thread, a call)
 *       stays in that thread's conversation, even when its sender is not identified, unless the conversation was
 *       resolved. Public threads (a post's comments, a tweet's replies) are shared by many people and are not
 *       followed.</li>
 *   <li>Otherwise it joins its party's open conversation: the linked customer's, or that of the sender's strongest
 *       identifier, if its last contact is within the window; or opens a new one. A resolved conversation is never
 *       reopened.</li>
 * </ol>
 * The contact's private thread id is linked to the conversation. The conversation's size, channel count and opening
 * time are left in the {@code continuity} attributes (the priority plugin reads them).
 */
final class ContinuityPlugin implements ContactPlugin {

    /** Attribute namespace. */
    static final String NAMESPACE = "continuity";

    private final Conversations conversations;
    private final Duration window;
    private final boolean statusEvents;
    private final boolean followThreads;

    ContinuityPlugin(Conversations conversations, Duration window, boolean statusEvents, boolean followThreads) {
        this.conversations = conversations;
        this.window = window;
        this.statusEvents = statusEvents;
        this.followThreads = followThreads;
    }

    @Override
    public Future<PluginResult> apply(Contact contact, PluginContext context) {
        if (contact.kind() == ContactKind.STATUS && !statusEvents) {
            return Future.succeededFuture(PluginResult.proceed(contact));
        }
        String tenant = contact.tenant();
        String channel = contact.channel().id();
        String thread = threadKey(contact);
        Instant at = contact.receivedAt();
        PartyKeys.PartyKey party = PartyKeys.of(contact);
        Future<ConversationRecord> known = thread == null ? Future.succeededFuture()
                : conversations.byThread(tenant, channel, thread);
        return known.compose(t -> {
            if (t != null && t.resolvedAt() == null) {
                // Stay in the thread's conversation: join its party, with a window that still reaches it.
                Duration reach = Duration.between(t.lastContactAt(), at);
                Duration w = reach.compareTo(window) > 0 ? reach.plusSeconds(1) : window;
                return conversations.join(tenant, t.partyKey(), contact.id(), channel, thread, at, w)
                        .map(r -> result(contact, r, "thread", party.kind()));
            }
            return conversations.join(tenant, party.key(), contact.id(), channel, thread, at, window)
                    .map(r -> result(contact, r, "party", party.kind()));
        });
    }

    private String threadKey(Contact c) {
        if (!followThreads || c.isPublic()) {
            return null;
        }
        String id = c.thread().threadId() != null ? c.thread().threadId() : c.thread().rootId();
        return id == null || id.isBlank() ? null : id;
    }

    private static PluginResult result(Contact c, ConversationRecord r, String joinedBy, String partyKind) {
        return PluginResult.proceed(c.toBuilder()
                .conversationKey(r.key())
                .attribute(NAMESPACE, "contactCount", r.contactCount())
                .attribute(NAMESPACE, "channels", r.channels())
                .attribute(NAMESPACE, "openedAt", r.openedAt().toString())
                .attribute(NAMESPACE, "joinedBy", joinedBy)
                .attribute(NAMESPACE, "party", partyKind)
                .build());
    }
}

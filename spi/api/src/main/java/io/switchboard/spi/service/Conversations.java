package io.switchboard.spi.service;

import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;

/**
 * Cross-channel conversations, kept in the gateway's store.
 */
public interface Conversations {

    /**
     * Adds a contact to its party's open conversation, or opens a new one. A conversation is open while it is
     * not resolved and its last contact is within {@code window} of {@code at}. The contact's own channel
     * thread id is linked to the conversation. Atomic: two contacts of one party arriving together join one
     * conversation.
     *
     * @param tenant    the tenant
     * @param partyKey  the party
     * @param contactId the contact
     * @param channelId its channel
     * @param threadId  its provider thread id, or null
     * @param at        when the contact arrived
     * @param window    how long a conversation stays open after its last contact
     * @return the conversation after the contact joined it
     */
    Future<ConversationRecord> join(String tenant, String partyKey, String contactId, String channelId, String threadId,
                                    Instant at, Duration window);

    /**
     * Finds the conversation a provider thread belongs to (so a reply in a known thread stays in it even when
     * its sender is not identified).
     *
     * @param tenant    the tenant
     * @param channelId the channel
     * @param threadId  the provider thread id
     * @return the conversation, or null
     */
    Future<ConversationRecord> byThread(String tenant, String channelId, String threadId);

    /**
     * Resolves a conversation: later contacts of its party open a new one.
     *
     * @param tenant the tenant
     * @param key    the conversation key
     * @return whether it was open
     */
    Future<Boolean> resolve(String tenant, String key);

    /**
     * @param tenant the tenant
     * @param key    a conversation key
     * @return the conversation, or null
     */
    Future<ConversationRecord> get(String tenant, String key);
}

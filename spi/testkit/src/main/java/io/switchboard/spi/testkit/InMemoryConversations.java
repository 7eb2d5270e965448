package io.switchboard.spi.testkit;

import io.switchboard.spi.service.ConversationRecord;
import io.switchboard.spi.service.Conversations;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An in-memory {@link Conversations} for plugin tests, with the semantics of the gateway's store-backed one
 * (both pass {@link io.switchboard.spi.testkit.contract.ConversationsContract}):
 *
 * <ul>
 *   <li>a party's conversation is open while it is not resolved and {@code at} is no later than its last
 *       contact plus the window; otherwise {@code join} opens a new one;</li>
 *   <li>joining the same contact again returns its conversation unchanged (a chain re-run after a restart or a
 *       parked contact's resumption does not count a contact twice);</li>
 *   <li>the contact's (channel, thread id) is linked to the conversation; {@link #byThread} finds it;</li>
 *   <li>{@code resolve} sets {@code resolvedAt} from the clock; later contacts of the party open a new one;</li>
 *   <li>tenants are separate.</li>
 * </ul>
 *
 * Every future is already complete when returned. Thread-safe (one lock: joins of one party are atomic).
 */
public final class InMemoryConversations implements Conversations {

    private final Clock clock;
    private final Map<String, Conv> byKey = new LinkedHashMap<>();
    private final Map<String, String> byContact = new HashMap<>();
    private final Map<String, String> byThread = new HashMap<>();

    /** Conversations on the system clock. */
    public InMemoryConversations() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock {@code resolvedAt} is read from */
    public InMemoryConversations(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    private static final class Conv {
        final String tenant;
        final String key;
        final String partyKey;
        final Instant openedAt;
        Instant last;
        int count;
        final Set<String> channels = new LinkedHashSet<>();
        Instant resolvedAt;

        Conv(String tenant, String key, String partyKey, Instant openedAt) {
            this.tenant = tenant;
            this.key = key;
            this.partyKey = partyKey;
            this.openedAt = openedAt;
            this.last = openedAt;
        }

        ConversationRecord record() {
            return new ConversationRecord(tenant, key, partyKey, openedAt, last, count, channels.size(), resolvedAt);
        }
    }

    @Override
    public synchronized Future<ConversationRecord> join(String tenant, String partyKey, String contactId,
                                                        String channelId, String threadId, Instant at,
                                                        Duration window) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(partyKey, "partyKey");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(window, "window");
        String known = byContact.get(tenant + "\u0000" + contactId);
        if (known != null) {
            return Future.succeededFuture(byKey.get(known).record());
        }
        Conv open = null;
        for (Conv c : byKey.values()) {
            if (c.tenant.equals(tenant) && c.partyKey.equals(partyKey) && c.resolvedAt == null
                    && !at.isAfter(c.last.plus(window)) && (open == null || c.last.isAfter(open.last))) {
                open = c;
            }
        }
        if (open == null) {
            open = new Conv(tenant, "conv-" + UUID.randomUUID(), partyKey, at);
            byKey.put(open.key, open);
        }
        open.count++;
        if (at.isAfter(open.last)) {
            open.last = at;
        }
        open.channels.add(channelId);
        byContact.put(tenant + "\u0000" + contactId, open.key);
        if (threadId != null) {
            byThread.put(tenant + "\u0000" + channelId + "\u0000" + threadId, open.key);
        }
        return Future.succeededFuture(open.record());
    }

    @Override
    public synchronized Future<ConversationRecord> byThread(String tenant, String channelId, String threadId) {
        String key = byThread.get(tenant + "\u0000" + channelId + "\u0000" + threadId);
        return Future.succeededFuture(key == null ? null : byKey.get(key).record());
    }

    @Override
    public synchronized Future<Boolean> resolve(String tenant, String key) {
        Conv c = byKey.get(key);
        if (c == null || !c.tenant.equals(tenant) || c.resolvedAt != null) {
            return Future.succeededFuture(false);
        }
        c.resolvedAt = clock.instant();
        return Future.succeededFuture(true);
    }

    @Override
    public synchronized Future<ConversationRecord> get(String tenant, String key) {
        Conv c = byKey.get(key);
        return Future.succeededFuture(c == null || !c.tenant.equals(tenant) ? null : c.record());
    }

    /** @return every conversation, oldest first (for assertions) */
    public synchronized List<ConversationRecord> all() {
        List<ConversationRecord> out = new ArrayList<>();
        byKey.values().forEach(c -> out.add(c.record()));
        return out;
    }
}

package io.switchboard.spi.channel;

import io.switchboard.spi.contact.Contact;

import java.util.List;
import java.util.Objects;

/**
 * What an adapter found in one request: the contacts to store, and the events it acknowledged without
 * making contacts of them (counted per type and reason in {@code /metrics}).
 *
 * @param contacts the contacts, each with a provider event id unique within the channel
 * @param ignored  events acknowledged but not stored: unsupported kinds, echoes, the brand's own posts
 */
public record Intake(List<Contact> contacts, List<Ignored> ignored) {

    /** Canonical constructor; copies both lists. */
    public Intake {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        ignored = ignored == null ? List.of() : List.copyOf(ignored);
    }

    /**
     * @param contacts the contacts
     * @return an intake without ignored events
     */
    public static Intake of(Contact... contacts) {
        return new Intake(List.of(contacts), List.of());
    }

    /**
     * An event the adapter acknowledged without making a contact of it.
     *
     * @param eventType the provider's event type, e.g. {@code favorite_events}; low cardinality
     * @param reason    why: {@code unsupported}, {@code echo}, {@code own-post}, …
     */
    public record Ignored(String eventType, String reason) {
        /** Canonical constructor; both components are required. */
        public Ignored {
            Objects.requireNonNull(eventType, "eventType");
            Objects.requireNonNull(reason, "reason");
        }
    }
}

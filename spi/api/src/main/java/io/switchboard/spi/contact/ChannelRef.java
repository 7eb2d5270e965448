package io.switchboard.spi.contact;

import java.util.Objects;

/**
 * The channel instance a contact came through.
 *
 * @param id   the channel instance id from the configuration, e.g. {@code acme-sms}
 * @param type the channel type, e.g. {@code twilio-messaging}, {@code web-form}
 */
public record ChannelRef(String id, String type) {
    /** Canonical constructor; both components are required. */
    public ChannelRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }
}

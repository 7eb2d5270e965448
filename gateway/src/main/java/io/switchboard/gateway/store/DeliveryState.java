package io.switchboard.gateway.store;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A delivery as the admin API shows it.
 *
 * @param id            the delivery id
 * @param contactId     the contact
 * @param sink          the sink name
 * @param state         {@code pending}, {@code delivered} or {@code dead}
 * @param attempts      attempts made
 * @param createdAt     when it was created
 * @param updatedAt     when its state last changed
 * @param nextAttemptAt when it is next tried (pending only)
 * @param lastError     the last error, or null
 * @param externalRef   the target's id for the contact, or null
 */
public record DeliveryState(String id, String contactId, String sink, String state, int attempts, Instant createdAt,
                            Instant updatedAt, Instant nextAttemptAt, String lastError, String externalRef) {

    /** Waiting to be delivered (or being delivered). */
    public static final String PENDING = "pending";
    /** Delivered. */
    public static final String DELIVERED = "delivered";
    /** Given up: a dead letter, replayable. */
    public static final String DEAD = "dead";

    /** @return the JSON form for the admin API */
    public JsonObject toJson() {
        JsonObject o = new JsonObject().put("id", id).put("contactId", contactId).put("sink", sink).put("state", state)
                .put("attempts", attempts).put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString());
        if (PENDING.equals(state) && nextAttemptAt != null) {
            o.put("nextAttemptAt", nextAttemptAt.toString());
        }
        if (lastError != null) {
            o.put("lastError", lastError);
        }
        if (externalRef != null) {
            o.put("externalRef", externalRef);
        }
        return o;
    }
}

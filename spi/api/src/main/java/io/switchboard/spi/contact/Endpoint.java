package io.switchboard.spi.contact;

/**
 * The business endpoint a contact was addressed to. Nullable components.
 *
 * @param kind    what the endpoint is: {@code page}, {@code phone}, {@code handle}, {@code email},
 *                {@code account}, {@code form}, {@code bot}
 * @param id      the provider's id of the endpoint (Page id, phone number id, account id)
 * @param address a human address: E.164 number, email address, {@code @handle}
 * @param name    a display name
 */
public record Endpoint(String kind, String id, String address, String name) {
}

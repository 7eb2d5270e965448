package io.switchboard.spi.contact;

import java.util.Objects;

/**
 * A reference to the raw request the contact was normalised from; the gateway stores the raw bytes
 * losslessly. One raw payload may hold many contacts (a Meta batch): the pointer says which part.
 *
 * @param id          the raw payload id
 * @param contentType the request's content type; nullable
 * @param size        the size of the raw body in bytes
 * @param pointer     a JSON Pointer (RFC 6901) to this contact's part of the payload, e.g.
 *                    {@code /entry/0/messaging/1}; empty string for the whole payload
 */
public record RawRef(String id, String contentType, long size, String pointer) {
    /** Canonical constructor; id is required, pointer defaults to the whole payload. */
    public RawRef {
        Objects.requireNonNull(id, "id");
        pointer = pointer == null ? "" : pointer;
    }

    /** @param pointer a JSON Pointer @return a copy pointing at that part */
    public RawRef at(String pointer) {
        return new RawRef(id, contentType, size, pointer);
    }
}

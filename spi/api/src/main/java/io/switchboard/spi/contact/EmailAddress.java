package io.switchboard.spi.contact;

import java.util.Objects;

/**
 * An email address.
 *
 * @param address   the address, trimmed and lower-cased (dots and {@code +tags} are kept)
 * @param assurance how the address was obtained
 */
public record EmailAddress(String address, Assurance assurance) {
    /** Canonical constructor; both components are required. */
    public EmailAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(assurance, "assurance");
    }
}

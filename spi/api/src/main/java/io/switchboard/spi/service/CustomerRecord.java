package io.switchboard.spi.service;

import java.util.List;
import java.util.Objects;

/**
 * A customer in the directory.
 *
 * @param tenant      the tenant; identities never link across tenants
 * @param id          the customer id (the system of record's, when seeded from it)
 * @param name        a display name; nullable
 * @param tier        a service tier (e.g. {@code gold}); nullable
 * @param identifiers the identifiers on file
 */
public record CustomerRecord(String tenant, String id, String name, String tier, List<Identifier> identifiers) {
    /** Canonical constructor; copies the identifiers. */
    public CustomerRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }

    /** {@return ids only} */
    @Override
    public String toString() {
        return "CustomerRecord[" + tenant + "/" + id + "]";
    }
}

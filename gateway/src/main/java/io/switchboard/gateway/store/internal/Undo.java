package io.switchboard.gateway.store.internal;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.CustomerMatch;

import java.util.ArrayList;
import java.util.List;

/** What undoing an identity link does to the linked contact, the same in every store. */
public final class Undo {

    private Undo() {
    }

    /**
     * @param contact a contact linked to a customer
     * @return the contact with its match turned back into a suggestion that names the customer as a candidate
     */
    public static Contact unlink(Contact contact) {
        CustomerMatch m = contact.customer();
        if (m == null || m.customerId() == null) {
            return contact;
        }
        List<String> candidates = new ArrayList<>(m.candidates());
        if (!candidates.contains(m.customerId())) {
            candidates.add(0, m.customerId());
        }
        return contact.toBuilder()
                .customer(new CustomerMatch(null, m.method(), m.level(), m.confidence(), false, candidates))
                .tag("identity-link-undone")
                .build();
    }
}

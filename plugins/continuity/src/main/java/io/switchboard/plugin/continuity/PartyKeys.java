package io.switchboard.plugin.continuity;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.CustomerMatch;
import io.switchboard.spi.contact.Party;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Who a contact's conversation belongs to: the linked customer ({@code customer:<id>}); else the sender's strongest
 * identifier (the best-assured of provider user id, phone number and email, in that order at equal assurance),
 * as {@code <type>:<sha-256>} so the key carries no personal data; else the contact alone ({@code contact:<id>}).
 */
final class PartyKeys {

    private PartyKeys() {
    }

    /**
     * @param key  the party key
     * @param kind what it was derived from: {@code customer}, {@code provider-user}, {@code phone}, {@code email} or
     *             {@code contact}
     */
    record PartyKey(String key, String kind) {
    }

    static PartyKey of(Contact c) {
        CustomerMatch m = c.customer();
        if (m != null && m.linked() && m.customerId() != null) {
            return new PartyKey("customer:" + m.customerId(), "customer");
        }
        Party s = c.sender();
        String type = null;
        String value = null;
        int best = Integer.MAX_VALUE;
        if (s.userId() != null && rank(s.userId().assurance()) < best) {
            best = rank(s.userId().assurance());
            type = "provider-user";
            value = s.userId().key();
        }
        if (s.phone() != null && s.phone().e164() != null && rank(s.phone().assurance()) < best) {
            best = rank(s.phone().assurance());
            type = "phone";
            value = s.phone().e164();
        }
        if (s.email() != null && !s.email().address().isBlank() && rank(s.email().assurance()) < best) {
            type = "email";
            value = s.email().address().strip().toLowerCase(Locale.ROOT);
        }
        if (type == null) {
            return new PartyKey("contact:" + c.id(), "contact");
        }
        return new PartyKey(type + ":" + sha256(value), type);
    }

    private static int rank(Assurance a) {
        return a.ordinal();
    }

    private static String sha256(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

package io.switchboard.gateway.delivery;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.Party;

/**
 * The key that keeps one customer's contacts in order for sinks that promise order: the conversation key,
 * else the matched customer, else the sender's strongest identifier, else the contact itself.
 */
public final class OrderingKeys {

    private OrderingKeys() {
    }

    /**
     * @param c a contact
     * @return its ordering key
     */
    public static String of(Contact c) {
        if (c.conversationKey() != null) {
            return "conversation:" + c.conversationKey();
        }
        if (c.customer() != null && c.customer().customerId() != null && c.customer().linked()) {
            return "customer:" + c.customer().customerId();
        }
        Party s = c.sender();
        if (s.userId() != null) {
            return "user:" + s.userId().key();
        }
        if (s.phone() != null && s.phone().e164() != null) {
            return "phone:" + hash(s.phone().e164());
        }
        if (s.email() != null) {
            return "email:" + hash(s.email().address());
        }
        return "contact:" + c.id();
    }

    /** Keys are stored and logged: keep personal identifiers out of them. */
    private static String hash(String value) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

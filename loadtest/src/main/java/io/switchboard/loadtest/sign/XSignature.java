package io.switchboard.loadtest.sign;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Signs requests as X's Account Activity API does (PROTOCOLS.md 1.1, 1.2): {@code sha256=} and the base64
 * HMAC-SHA256 keyed with the consumer secret, over the raw body ({@code x-twitter-webhooks-signature}) or
 * over the {@code crc_token} (the CRC answer X expects).
 */
public final class XSignature {

    /** The header X sends. */
    public static final String HEADER = "x-twitter-webhooks-signature";

    private XSignature() {
    }

    /**
     * @param consumerSecret the app's consumer secret
     * @param body           the raw body as sent
     * @return the header value
     */
    public static String sign(String consumerSecret, byte[] body) {
        return "sha256=" + Base64.getEncoder().encodeToString(Hmac.mac("HmacSHA256",
                consumerSecret.getBytes(StandardCharsets.UTF_8), body));
    }

    /**
     * @param consumerSecret the consumer secret
     * @param crcToken       the {@code crc_token} X sent
     * @return the {@code response_token} a correct webhook answers
     */
    public static String crcResponseToken(String consumerSecret, String crcToken) {
        return sign(consumerSecret, crcToken.getBytes(StandardCharsets.UTF_8));
    }
}

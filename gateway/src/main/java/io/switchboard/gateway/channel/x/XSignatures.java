package io.switchboard.gateway.channel.x;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * X's webhook cryptography (PROTOCOLS.md 1.1, 1.2): {@code sha256=} + base64 HMAC-SHA256 keyed with the
 * app's consumer secret, over the CRC token (GET) or the raw request body (POST).
 */
final class XSignatures {

    /** The scheme prefix of both the CRC response token and the signature header. */
    static final String PREFIX = "sha256=";

    private XSignatures() {
    }

    /**
     * @param secret the consumer secret
     * @param data   the bytes to sign
     * @return the raw HMAC-SHA256
     */
    static byte[] hmacSha256(byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * @param secret the consumer secret
     * @param data   the bytes to sign
     * @return {@code sha256=<base64>}, the value X sends (header) or expects (CRC)
     */
    static String sign(byte[] secret, byte[] data) {
        return PREFIX + Base64.getEncoder().encodeToString(hmacSha256(secret, data));
    }

    /**
     * @param secret   the consumer secret
     * @param crcToken the {@code crc_token} query parameter
     * @return the {@code response_token} value
     */
    static String crcResponseToken(byte[] secret, String crcToken) {
        return sign(secret, crcToken.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a signature header value.
     *
     * @param header the header value
     * @return the HMAC bytes it carries, or null when it is not {@code sha256=<base64>}
     */
    static byte[] decodeHeader(String header) {
        String h = header.strip();
        if (h.length() <= PREFIX.length() || !h.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(h.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package io.switchboard.gateway.channel.meta;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Meta's webhook signatures (PROTOCOLS.md 2.2): {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256>} and the
 * legacy {@code X-Hub-Signature: sha1=<hex HMAC-SHA1>}, keyed with the app secret, over the raw body exactly as
 * received (Meta signs the escaped-unicode form of the JSON, so decoding first would break it).
 */
final class MetaSignatures {

    /** The current header. */
    static final String HEADER_256 = "X-Hub-Signature-256";
    /** The legacy header. */
    static final String HEADER_SHA1 = "X-Hub-Signature";

    private MetaSignatures() {
    }

    /**
     * @param algorithm {@code HmacSHA256} or {@code HmacSHA1}
     * @param secret    the app secret
     * @param data      the raw body
     * @return the HMAC
     */
    static byte[] hmac(String algorithm, byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /**
     * @param secret the app secret
     * @param data   the raw body
     * @return the {@code X-Hub-Signature-256} value Meta would send
     */
    static String sign256(byte[] secret, byte[] data) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, data));
    }

    /**
     * Decodes {@code <prefix>=<hex>}, hex in either case.
     *
     * @param header the header value
     * @param prefix {@code sha256} or {@code sha1}
     * @param bytes  the digest length in bytes
     * @return the digest, or null when the value is not of that form
     */
    static byte[] decode(String header, String prefix, int bytes) {
        String h = header.strip();
        int eq = prefix.length();
        if (h.length() != eq + 1 + 2 * bytes || !h.regionMatches(true, 0, prefix, 0, eq) || h.charAt(eq) != '=') {
            return null;
        }
        try {
            return HexFormat.of().parseHex(h, eq + 1, h.length());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

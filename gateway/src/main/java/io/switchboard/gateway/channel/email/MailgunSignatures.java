package io.switchboard.gateway.channel.email;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Mailgun's webhook signature (PROTOCOLS.md 6.2): {@code signature} = hex HMAC-SHA256 keyed with the HTTP
 * webhook signing key over {@code timestamp + token}, concatenated with no separator. It covers neither the
 * body nor the URL: a valid triple proves only that Mailgun made it at {@code timestamp}, which is why the
 * adapter also bounds the timestamp and refuses a token used for another body.
 */
final class MailgunSignatures {

    /** Longest token accepted (Mailgun's are 50 characters). */
    static final int MAX_TOKEN = 256;

    private MailgunSignatures() {
    }

    /**
     * @param signingKey the webhook signing key
     * @param timestamp  the {@code timestamp} value as sent
     * @param token      the {@code token} value as sent
     * @return the lower-case hex signature Mailgun would send
     */
    static String sign(byte[] signingKey, String timestamp, String token) {
        return HexFormat.of().formatHex(hmac(signingKey, timestamp, token));
    }

    /**
     * Verifies a triple in constant time. Empty values never verify.
     *
     * @param signingKey the webhook signing key
     * @param timestamp  the {@code timestamp} value
     * @param token      the {@code token} value
     * @param signature  the {@code signature} value (hex, either case)
     * @return whether the signature is the key's HMAC of timestamp + token
     */
    static boolean verify(byte[] signingKey, String timestamp, String token, String signature) {
        if (timestamp == null || token == null || signature == null || timestamp.isEmpty() || token.isEmpty()
                || token.length() > MAX_TOKEN || signature.length() != 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(signingKey, timestamp, token), given);
    }

    private static byte[] hmac(byte[] key, String timestamp, String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(token.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

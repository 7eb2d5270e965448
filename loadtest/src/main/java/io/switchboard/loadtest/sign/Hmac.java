package io.switchboard.loadtest.sign;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The JDK's HMAC and SHA-256, as the providers' signers use them. */
final class Hmac {

    private Hmac() {
    }

    /**
     * @param algorithm {@code HmacSHA1} or {@code HmacSHA256}
     * @param key       the key bytes
     * @param data      the bytes to sign
     * @return the MAC
     */
    static byte[] mac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /**
     * @param data the bytes
     * @return their SHA-256
     */
    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

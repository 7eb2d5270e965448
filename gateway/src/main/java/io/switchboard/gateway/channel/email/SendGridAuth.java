package io.switchboard.gateway.channel.email;

import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.RequestRejectedException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * How a SendGrid Inbound Parse post is authenticated (PROTOCOLS.md 6.1). Parse has no HMAC of its own; what is
 * real is:
 * <ul>
 *   <li><b>HTTP Basic credentials in the registered URL</b> ({@code https://user:pass@host/webhooks/id}): SendGrid
 *       sends them as {@code Authorization: Basic}. Compared in constant time (as digests, so neither content nor
 *       length leaks). The gateway never stores the Authorization header with the raw payload.</li>
 *   <li><b>A signed security policy</b> ({@code POST /v3/user/webhooks/security/policies} with
 *       {@code "signature": {"enabled": true}}, attached to the Parse setting): ECDSA P-256 / SHA-256 over the
 *       timestamp header value followed by the raw body, verified with the policy's public key; the timestamp
 *       must be inside the replay window. The header names default to those of SendGrid's signed Event Webhook,
 *       which PROTOCOLS.md could not confirm for Parse, so they are configurable.</li>
 * </ul>
 * A channel configures one or both; both configured means both must pass.
 */
final class SendGridAuth {

    private final byte[] basicDigest;
    private final PublicKey publicKey;
    private final String signatureHeader;
    private final String timestampHeader;
    private final Clock clock;
    private final Duration window;

    SendGridAuth(String username, String password, PublicKey publicKey, String signatureHeader,
                 String timestampHeader, Clock clock, Duration window) {
        this.basicDigest = username == null ? null : sha256(username + ":" + password);
        this.publicKey = publicKey;
        this.signatureHeader = signatureHeader;
        this.timestampHeader = timestampHeader;
        this.clock = clock;
        this.window = window;
    }

    /**
     * @param base64 the base64 DER (X.509 SubjectPublicKeyInfo) key, as SendGrid returns it
     * @return the key
     * @throws IllegalArgumentException when it is not an EC public key
     */
    static PublicKey publicKey(String base64) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64.strip());
            PublicKey k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            if (!"EC".equals(k.getAlgorithm())) {
                throw new IllegalArgumentException("not an EC key");
            }
            return k;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not a base64 ECDSA public key", e);
        }
    }

    /**
     * @param request the request
     * @throws RequestRejectedException 401 when a configured check fails
     */
    void verify(InboundRequest request) {
        boolean basicOk = basicDigest == null || basicMatches(request.headers().get("Authorization"));
        boolean signatureOk = publicKey == null || signatureMatches(request);
        if (!basicOk || !signatureOk) {
            throw RequestRejectedException.unauthorized(!basicOk ? "credentials" : "signature");
        }
    }

    private boolean basicMatches(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(basicDigest, sha256(decoded));
    }

    private boolean signatureMatches(InboundRequest request) {
        String sig = request.headers().get(signatureHeader);
        String ts = request.headers().get(timestampHeader);
        if (sig == null || ts == null || ts.isEmpty() || ts.length() > 12 || !ts.chars().allMatch(Character::isDigit)) {
            return false;
        }
        long seconds = Long.parseLong(ts);
        if (Math.abs(clock.millis() - seconds * 1000) > window.toMillis()) {
            return false;
        }
        return verifySignature(publicKey, ts, request.body().getBytes(), sig);
    }

    /**
     * Verifies a SendGrid ECDSA signature.
     *
     * @param key       the public key
     * @param timestamp the timestamp header value
     * @param body      the raw body
     * @param signature the base64 DER signature
     * @return whether it verifies
     */
    static boolean verifySignature(PublicKey key, String timestamp, byte[] body, String signature) {
        try {
            byte[] der = Base64.getDecoder().decode(signature.strip());
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(key);
            s.update(timestamp.getBytes(StandardCharsets.UTF_8));
            s.update(body);
            return s.verify(der);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

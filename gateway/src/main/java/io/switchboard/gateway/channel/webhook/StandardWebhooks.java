package io.switchboard.gateway.channel.webhook;

import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.RequestRejectedException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Standard Webhooks v1 verification (PROTOCOLS.md 7, standard-webhooks spec 1.0.0), which Svix uses too:
 * {@code webhook-signature} is a space-separated list of {@code version,base64} entries, and any {@code v1} entry
 * equal to base64 HMAC-SHA256(key, {@code webhook-id + "." + webhook-timestamp + "." + raw body}) is enough
 * (several entries allow zero-downtime secret rotation). The key is the base64 after {@code whsec_}. Entries of
 * other versions ({@code v1a} is ed25519) and malformed entries are skipped. The timestamp must be within the
 * tolerance (±5 minutes by default) of the gateway's clock. Svix's branded headers ({@code svix-id},
 * {@code svix-timestamp}, {@code svix-signature}) are read when the unbranded ones are absent.
 */
final class StandardWebhooks {

    /** The secret's prefix. */
    static final String PREFIX = "whsec_";

    private final byte[] key;
    private final Clock clock;
    private final Duration tolerance;

    StandardWebhooks(byte[] key, Clock clock, Duration tolerance) {
        this.key = key;
        this.clock = clock;
        this.tolerance = tolerance;
    }

    /**
     * Decodes a secret: {@code whsec_} (optional) then base64, padded or not.
     *
     * @param secret the secret as configured
     * @return the HMAC key
     * @throws IllegalArgumentException when it is empty or not base64
     */
    static byte[] key(String secret) {
        String s = secret.strip();
        if (s.startsWith(PREFIX)) {
            s = s.substring(PREFIX.length());
        }
        byte[] k = Base64.getDecoder().decode(s);
        if (k.length == 0) {
            throw new IllegalArgumentException("empty secret");
        }
        return k;
    }

    /**
     * @param headers the request headers
     * @param name    the unbranded header name ({@code id}, {@code timestamp}, {@code signature})
     * @return {@code webhook-<name>}, else {@code svix-<name>}, else null
     */
    static String header(io.vertx.core.MultiMap headers, String name) {
        String v = headers.get("webhook-" + name);
        return v != null ? v : headers.get("svix-" + name);
    }

    /**
     * @param request the request
     * @throws RequestRejectedException 401 when a header is missing, the timestamp is invalid or outside the
     *                                  tolerance, or no {@code v1} signature matches
     */
    void verify(InboundRequest request) {
        String id = header(request.headers(), "id");
        String ts = header(request.headers(), "timestamp");
        String sigs = header(request.headers(), "signature");
        if (id == null || ts == null || sigs == null || id.isEmpty()) {
            throw RequestRejectedException.unauthorized("signature-missing");
        }
        if (ts.isEmpty() || ts.length() > 12 || !ts.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw RequestRejectedException.unauthorized("invalid-timestamp");
        }
        long seconds = Long.parseLong(ts);
        if (Math.abs(clock.millis() - seconds * 1000) > tolerance.toMillis()) {
            throw RequestRejectedException.unauthorized("stale-timestamp");
        }
        if (!matches(sign(id, ts, request.body().getBytes()), sigs)) {
            throw RequestRejectedException.unauthorized("signature-invalid");
        }
    }

    /** @return the raw v1 signature of a message */
    byte[] sign(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(id.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether any well-formed {@code v1} entry of the header equals the expected signature (constant time each). */
    static boolean matches(byte[] expected, String header) {
        boolean any = false;
        for (String entry : header.split(" ")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            // No early exit: every entry is compared, so timing does not say which one matched.
            any |= MessageDigest.isEqual(expected, given);
        }
        return any;
    }
}

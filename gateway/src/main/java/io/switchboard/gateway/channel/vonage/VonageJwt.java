package io.switchboard.gateway.channel.vonage;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The JWT Vonage signs its webhooks with (PROTOCOLS.md 4.1): compact JWS, {@code HS256} only, keyed with the
 * account's signature secret taken as its UTF-8 bytes (not hex-decoded), as {@code vonage-jwt-jdk} verifies
 * it. Implemented with the JDK alone: base64url, {@link Mac} HmacSHA256, {@link MessageDigest#isEqual}.
 *
 * <p>Use in this order: {@link #decode} (structure and {@code alg}, without trusting anything), pick the
 * secret from the still untrusted {@code api_key} claim, {@link Token#signedWith} (constant time), and only
 * then {@link Token#timesAcceptable}.
 */
final class VonageJwt {

    /** Longest token accepted; Vonage's are a few hundred characters. */
    static final int MAX_TOKEN_CHARS = 8192;

    private VonageJwt() {
    }

    /**
     * A decoded, not yet verified token.
     *
     * @param header       the JOSE header
     * @param claims       the claims
     * @param signingInput the ASCII bytes of {@code header.payload}, as signed
     * @param signature    the decoded signature
     */
    record Token(JsonObject header, JsonObject claims, byte[] signingInput, byte[] signature) {

        /**
         * @param secret the signature secret's bytes
         * @return whether the signature is the HMAC-SHA256 of the signing input under that secret (constant time)
         */
        boolean signedWith(byte[] secret) {
            return MessageDigest.isEqual(hmacSha256(secret, signingInput), signature);
        }

        /**
         * Checks the registered time claims, each only when present (as auth0 java-jwt does), plus a replay
         * window on {@code iat}: {@code exp} must be after {@code now - skew}, {@code nbf} and {@code iat} no
         * later than {@code now + skew}, and {@code iat} no older than {@code maxAge} (plus skew).
         *
         * @param now    the current time
         * @param skew   the clock-skew allowance
         * @param maxAge the replay window on {@code iat}
         * @return null when acceptable, else the reason code
         */
        String timesAcceptable(Instant now, Duration skew, Duration maxAge) {
            long nowSec = now.getEpochSecond();
            long skewSec = skew.toSeconds();
            for (String claim : new String[] {"exp", "nbf", "iat"}) {
                if (claims.containsKey(claim) && seconds(claims.getValue(claim)) == null) {
                    return "token-malformed";
                }
            }
            Long exp = seconds(claims.getValue("exp"));
            if (exp != null && nowSec - skewSec >= exp) {
                return "token-expired";
            }
            Long nbf = seconds(claims.getValue("nbf"));
            if (nbf != null && nowSec + skewSec < nbf) {
                return "token-not-yet-valid";
            }
            Long iat = seconds(claims.getValue("iat"));
            if (iat != null) {
                if (iat > nowSec + skewSec) {
                    return "token-from-future";
                }
                if (nowSec - iat > maxAge.toSeconds() + skewSec) {
                    return "token-stale";
                }
            }
            return null;
        }
    }

    /**
     * Decodes a compact JWS and checks its shape: three base64url parts, JSON object header and claims,
     * {@code alg} exactly {@code HS256} (so {@code none} and every other algorithm are refused), no
     * {@code crit} extensions, a 32-byte signature.
     *
     * @param token the token
     * @return the token, or null when it is not an acceptable HS256 JWT
     */
    static Token decode(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return null;
        }
        int a = token.indexOf('.');
        int b = a < 0 ? -1 : token.indexOf('.', a + 1);
        if (a <= 0 || b <= a + 1 || b == token.length() - 1 || token.indexOf('.', b + 1) >= 0) {
            return null;
        }
        JsonObject header = json(base64Url(token.substring(0, a)));
        JsonObject claims = json(base64Url(token.substring(a + 1, b)));
        byte[] signature = base64Url(token.substring(b + 1));
        if (header == null || claims == null || signature == null || signature.length != 32) {
            return null;
        }
        if (!"HS256".equals(header.getValue("alg")) || header.containsKey("crit")) {
            return null;
        }
        return new Token(header, claims, token.substring(0, b).getBytes(StandardCharsets.US_ASCII), signature);
    }

    /**
     * @param secret the key bytes
     * @param data   the data
     * @return HMAC-SHA256
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

    /** Strict base64url without padding, as JWS requires; anything else is null. */
    private static byte[] base64Url(String part) {
        if (part.isEmpty()) {
            return null;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return null;
            }
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static JsonObject json(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            Object v = io.vertx.core.json.Json.decodeValue(new String(bytes, StandardCharsets.UTF_8));
            return v instanceof JsonObject o ? o : null;
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    /** A NumericDate claim in whole seconds; fractional values are truncated; non-numbers are null. */
    private static Long seconds(Object v) {
        if (!(v instanceof Number n)) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(n.toString());
            if (d.abs().compareTo(BigDecimal.valueOf(1L << 40)) > 0) {
                return null;
            }
            return d.longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

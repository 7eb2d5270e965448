package io.switchboard.gateway.channel.vonage;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes JWTs as Vonage signs its webhooks, written here independently of the adapter's code: HS256 with the
 * signature secret's UTF-8 bytes, {@code payload_hash} = hex SHA-256 of what was sent.
 */
final class VonageTestTokens {

    static final String SECRET = "c3a1f0e9d8b7a6c5e4f3a2b1c0d9e8f7";
    static final String API_KEY = "abcd1234";
    static final String APPLICATION_ID = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab";

    private VonageTestTokens() {
    }

    static String jwt(String secret, JsonObject claims) {
        return jwt(secret, new JsonObject().put("alg", "HS256").put("typ", "JWT"), claims);
    }

    static String jwt(String secret, JsonObject header, JsonObject claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The claims Vonage puts in a webhook token: iat, jti, iss, payload_hash, api_key, application_id. */
    static JsonObject claims(long iat, byte[] payload) {
        return new JsonObject().put("iat", iat).put("jti", "b7a3e0c2-5f4d-4e1a-9c8b-7d6e5f4a3b2c").put("iss", "Vonage")
                .put("payload_hash", sha256Hex(payload)).put("api_key", API_KEY).put("application_id", APPLICATION_ID);
    }

    static String bearer(long iat, byte[] payload) {
        return "Bearer " + jwt(SECRET, claims(iat, payload));
    }
}

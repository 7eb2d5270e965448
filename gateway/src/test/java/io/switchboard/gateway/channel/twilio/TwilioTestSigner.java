package io.switchboard.gateway.channel.twilio;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Signs requests as Twilio does, written here independently of the adapter's code (a second implementation
 * of PROTOCOLS.md 3.1, checked against the SDKs' own vectors in {@link TwilioSignaturesTest}).
 */
final class TwilioTestSigner {

    private TwilioTestSigner() {
    }

    /**
     * @param token the auth token
     * @param url   the URL exactly as signed
     * @param form  the form-encoded body, or "" for none
     * @return the X-Twilio-Signature value
     */
    static String sign(String token, String url, String form) {
        Map<String, TreeSet<String>> params = new TreeMap<>();
        if (!form.isEmpty()) {
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(k, x -> new TreeSet<>()).add(v);
            }
        }
        StringBuilder data = new StringBuilder(url);
        params.forEach((k, vs) -> vs.forEach(v -> data.append(k).append(v)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** @return the lowercase hex SHA-256 of the bytes (the bodySHA256 parameter) */
    static String sha256Hex(byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package io.switchboard.loadtest.sign;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Signs requests as Twilio does ({@code X-Twilio-Signature}, PROTOCOLS.md 3.1 and 3.2): base64 of
 * HMAC-SHA1 keyed with the auth token over the full URL Twilio called followed by every POST parameter as
 * {@code name + value}, names in plain code-point order, the values of a repeated name sorted and
 * de-duplicated (the Python SDK's rule; the Java SDK's is the same for single values). JSON bodies are
 * signed over the URL only, which carries {@code bodySHA256=<hex SHA-256 of the body>}.
 */
public final class TwilioSignature {

    /** The header Twilio sends. */
    public static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {
    }

    /**
     * @param authToken the account's auth token
     * @param url       the URL exactly as Twilio requests it (scheme, host, port if any, path, query)
     * @param params    the form parameters, each name with its values (null values count as "")
     * @return the {@code X-Twilio-Signature} value
     */
    public static String sign(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder s = new StringBuilder(url);
        for (Map.Entry<String, List<String>> e : new TreeMap<>(params).entrySet()) {
            TreeSet<String> values = new TreeSet<>();
            for (String v : e.getValue()) {
                values.add(v == null ? "" : v);
            }
            for (String v : values) {
                s.append(e.getKey()).append(v);
            }
        }
        return base64(Hmac.mac("HmacSHA1", authToken.getBytes(StandardCharsets.UTF_8),
                s.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Signs single-valued form parameters.
     *
     * @param authToken the auth token
     * @param url       the URL Twilio requests
     * @param params    the parameters, one value each
     * @return the signature
     */
    public static String signSingle(String authToken, String url, Map<String, String> params) {
        Map<String, List<String>> multi = new TreeMap<>();
        params.forEach((k, v) -> multi.put(k, v == null ? singletonNull() : List.of(v)));
        return sign(authToken, url, multi);
    }

    private static List<String> singletonNull() {
        List<String> l = new ArrayList<>(1);
        l.add(null);
        return l;
    }

    /**
     * @param body a JSON body
     * @return the lower-case hex SHA-256 Twilio puts in {@code bodySHA256}
     */
    public static String bodySha256(byte[] body) {
        return HexFormat.of().formatHex(Hmac.sha256(body));
    }

    /**
     * @param url  the webhook URL
     * @param body the JSON body
     * @return the URL with {@code bodySHA256} appended, as Twilio calls it for JSON bodies
     */
    public static String urlWithBodyHash(String url, byte[] body) {
        return url + (url.indexOf('?') < 0 ? '?' : '&') + "bodySHA256=" + bodySha256(body);
    }

    /**
     * @param authToken  the auth token
     * @param urlWithHash the URL already carrying {@code bodySHA256}
     * @return the signature of a JSON-body request (over the URL alone)
     */
    public static String signJsonBody(String authToken, String urlWithHash) {
        return sign(authToken, urlWithHash, Map.of());
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}

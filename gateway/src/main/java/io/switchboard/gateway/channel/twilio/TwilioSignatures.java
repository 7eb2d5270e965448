package io.switchboard.gateway.channel.twilio;

import io.switchboard.spi.channel.FormFields;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Twilio's request signature (PROTOCOLS.md 3.1, 3.2), as the official SDKs compute it:
 * {@code base64(HMAC-SHA1(authToken, url + name1 + value1 + name2 + value2 …))} with the parameter names in
 * code-point order (case-sensitive) and, for a name sent more than once, its values sorted and de-duplicated.
 * The URL is the one Twilio requested, query string included, exactly as received (never decoded). The SDKs
 * accept the signature computed with the URL's port removed or, when it has none, with the scheme's default
 * port added, because "sig generation on back end is inconsistent"; so does this class.
 */
final class TwilioSignatures {

    /** The signature header. */
    static final String HEADER = "X-Twilio-Signature";
    /** The query parameter carrying the SHA-256 of a JSON body. */
    static final String BODY_SHA256 = "bodySHA256";

    private static final Comparator<String> CODE_POINTS = TwilioSignatures::compareCodePoints;

    private TwilioSignatures() {
    }

    /**
     * The data string Twilio signs.
     *
     * @param url    the URL
     * @param params the POST parameters; empty for GET requests and JSON bodies
     * @return {@code url} followed by each sorted name and value
     */
    static String dataString(String url, FormFields params) {
        return url + parameterString(params);
    }

    /** @return each sorted name and value, the part of the data string after the URL */
    private static String parameterString(FormFields params) {
        Map<String, TreeSet<String>> byName = new TreeMap<>(CODE_POINTS);
        for (Map.Entry<String, String> e : params.entries()) {
            byName.computeIfAbsent(e.getKey(), k -> new TreeSet<>(CODE_POINTS)).add(e.getValue());
        }
        StringBuilder sb = new StringBuilder();
        byName.forEach((name, values) -> values.forEach(v -> sb.append(name).append(v)));
        return sb.toString();
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /**
     * @param key    the auth token, UTF-8
     * @param url    the URL
     * @param params the POST parameters
     * @return the raw HMAC-SHA1 (20 bytes)
     */
    static byte[] hmac(byte[] key, String url, FormFields params) {
        return mac(key).doFinal(dataString(url, params).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param authToken the auth token
     * @param url       the URL, used as given (no port variants)
     * @param params    the POST parameters
     * @return the {@code X-Twilio-Signature} value Twilio would send
     */
    static String sign(String authToken, String url, FormFields params) {
        return Base64.getEncoder().encodeToString(hmac(authToken.getBytes(StandardCharsets.UTF_8), url, params));
    }

    /**
     * Checks a signature against both port variants of the URL, in constant time (both are always computed
     * and compared).
     *
     * @param key       the auth token, UTF-8
     * @param url       the URL as requested
     * @param params    the POST parameters
     * @param signature the header value; null never matches
     * @return whether either variant matches
     */
    static boolean matches(byte[] key, String url, FormFields params, String signature) {
        // Compared as the base64 text, as the SDKs do: only the canonical (padded) encoding matches.
        byte[] given = signature == null ? new byte[0] : signature.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getEncoder();
        // The parameters are sorted and encoded once; only the URL differs between the variants.
        byte[] parameters = parameterString(params).getBytes(StandardCharsets.UTF_8);
        Mac mac = mac(key);
        boolean ok = false;
        for (String variant : portVariants(url)) {
            mac.update(variant.getBytes(StandardCharsets.UTF_8));
            mac.update(parameters);
            ok |= MessageDigest.isEqual(b64.encode(mac.doFinal()), given);
        }
        return ok;
    }

    /**
     * @param url a URL
     * @return the URL without its port, and the URL with its port (the scheme's default, 443 for https and 80
     *         otherwise, when it has none); the same string twice when the URL has no recognisable authority
     */
    static List<String> portVariants(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return List.of(url, url);
        }
        int authStart = schemeEnd + 3;
        int authEnd = authStart;
        while (authEnd < url.length() && "/?#".indexOf(url.charAt(authEnd)) < 0) {
            authEnd++;
        }
        String authority = url.substring(authStart, authEnd);
        int hostStart = authority.lastIndexOf('@') + 1;
        int bracket = authority.indexOf(']', hostStart);
        int colon = authority.indexOf(':', bracket < 0 ? hostStart : bracket);
        String prefix = url.substring(0, authStart);
        String rest = url.substring(authEnd);
        if (colon >= 0) {
            String withoutPort = prefix + authority.substring(0, colon) + rest;
            return List.of(withoutPort, url);
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String withPort = prefix + authority + ":" + (scheme.equals("https") ? "443" : "80") + rest;
        return List.of(url, withPort);
    }

    /**
     * Finds {@code bodySHA256} in a raw query string without decoding it (its value is hex, so there is
     * nothing to decode, and a query that does not decode must not fail before verification).
     *
     * @param rawQuery the raw query, without {@code ?}
     * @return the values found, in order; usually none or one
     */
    static List<String> bodyHashes(String rawQuery) {
        List<String> out = new ArrayList<>(1);
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        String prefix = BODY_SHA256 + "=";
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.startsWith(prefix)) {
                out.add(pair.substring(prefix.length()));
            } else if (pair.equals(BODY_SHA256)) {
                out.add("");
            }
        }
        return out;
    }

    /**
     * @param body     the raw body
     * @param expected the {@code bodySHA256} value: lowercase (or uppercase) hex
     * @return whether the body's SHA-256 is that value, compared in constant time
     */
    static boolean bodyMatches(byte[] body, String expected) {
        byte[] given;
        try {
            given = expected.length() == 64 ? java.util.HexFormat.of().parseHex(expected) : new byte[0];
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        return MessageDigest.isEqual(sha256(body), given);
    }

    /** @return the SHA-256 of the bytes */
    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Plain code-point order, as Python's {@code sorted()} (Java's {@code compareTo} compares UTF-16 units). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}

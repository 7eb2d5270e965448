package io.switchboard.gateway.channel.twilio;

import io.switchboard.spi.channel.FormFields;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.PhoneNumber;
import io.switchboard.spi.contact.PhoneNumbers;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What both Twilio channel types share: signature verification over the URL and parameters, reading the
 * parameters (form body for POST, query for GET), addresses ({@code whatsapp:+E164}, {@code client:name},
 * SIP URIs) and the geo fields. Stateless.
 */
final class TwilioRequests {

    /** Provider name in provider refs. */
    static final String PROVIDER = "twilio";
    /** Attribute namespace. */
    static final String NAMESPACE = "twilio";
    /** The answer's content type (Twilio shows a missing one as error 12300). */
    static final String TWIML = "text/xml";
    /** An empty TwiML document: "acknowledged, nothing to do". */
    static final String EMPTY_RESPONSE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    /** Event type of a signed JSON body ({@code bodySHA256}): not a kind either channel stores. */
    static final String JSON_CALLBACK = "json_callback";

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]{0,15}):(.*)$", Pattern.DOTALL);
    private static final Pattern PHONE_LIKE = Pattern.compile("^\\+?[0-9][0-9 ().-]{1,30}$");
    /** Address schemes whose rest is a phone number. */
    private static final Set<String> PHONE_SCHEMES = Set.of("whatsapp", "sms", "mms", "tel", "rcs");
    private static final String[] GEO = {"City", "State", "Zip", "Country"};

    private TwilioRequests() {
    }

    /**
     * Verifies {@code X-Twilio-Signature} (PROTOCOLS.md 3.1, 3.2). A request whose query carries
     * {@code bodySHA256} is the JSON-body variant: the signature covers the URL only, and the body's SHA-256
     * must equal that parameter. Otherwise the signature covers the URL and the form parameters of a POST body
     * (none for a GET or an empty body); any other body is refused, since the signature would not cover it.
     *
     * @param request the request
     * @param key     the auth token, UTF-8
     * @throws RequestRejectedException 401 without saying which check failed; 400 when a form body does not
     *                                  decode (the signature cannot be checked over parameters that do not exist)
     */
    static void verify(InboundRequest request, byte[] key) {
        String signature = request.headers().get(TwilioSignatures.HEADER);
        if (signature == null) {
            throw RequestRejectedException.unauthorized("signature-missing");
        }
        byte[] body = request.body().getBytes();
        List<String> hashes = TwilioSignatures.bodyHashes(request.rawQuery());
        boolean ok;
        if (!hashes.isEmpty()) {
            boolean signed = TwilioSignatures.matches(key, request.publicUrl(), FormFields.EMPTY, signature);
            boolean bodyOk = TwilioSignatures.bodyMatches(body, hashes.get(0));
            ok = signed & bodyOk & hashes.size() == 1;
        } else if (body.length == 0) {
            ok = TwilioSignatures.matches(key, request.publicUrl(), FormFields.EMPTY, signature);
        } else if (request.mediaType().equals(FORM) && request.method() != HttpMethod.GET) {
            ok = TwilioSignatures.matches(key, request.publicUrl(), request.formFields(), signature);
        } else {
            ok = false;
        }
        if (!ok) {
            throw RequestRejectedException.unauthorized("signature-invalid");
        }
    }

    /** @return whether the request is the signed JSON-body variant (verified already) */
    static boolean isJsonBody(InboundRequest request) {
        return !TwilioSignatures.bodyHashes(request.rawQuery()).isEmpty();
    }

    /**
     * @param request a verified request
     * @return Twilio's parameters: the query's for a GET, the form body's for a POST
     */
    static FormFields params(InboundRequest request) {
        if (request.method() == HttpMethod.GET) {
            return request.queryParams();
        }
        return request.mediaType().equals(FORM) ? request.formFields() : FormFields.EMPTY;
    }

    /** @return the value when it looks like a Twilio sid, else null */
    static String sid(FormFields f, String name) {
        String v = f.nonBlank(name);
        if (v == null) {
            return null;
        }
        v = v.strip();
        return isSid(v) ? v : null;
    }

    /**
     * Twilio resource sids: two capital letters and (today) 32 hex digits; kept loose so that new formats still
     * pass: {@code [A-Z]{2}[A-Za-z0-9]{1,62}}. A scan, not a regex: several sids are read per request.
     */
    static boolean isSid(String v) {
        int n = v.length();
        if (n < 3 || n > 64 || !upper(v.charAt(0)) || !upper(v.charAt(1))) {
            return false;
        }
        for (int i = 2; i < n; i++) {
            char c = v.charAt(i);
            if (!letter(c) && !digit(c)) {
                return false;
            }
        }
        return true;
    }

    /** Status values ({@code in-progress}, {@code no-answer}, {@code delivered}): {@code [a-z][a-z_-]{0,31}}. */
    static boolean isStatus(String v) {
        int n = v.length();
        if (n < 1 || n > 32 || !lower(v.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = v.charAt(i);
            if (!lower(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** @return whether the value is 1 to {@code max} ASCII digits */
    static boolean isDigits(String v, int max) {
        int n = v.length();
        if (n < 1 || n > max) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!digit(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean lower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean letter(char c) {
        return upper(c) || lower(c);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** @return the value when it looks like a status ({@code in-progress}), else null */
    static String status(FormFields f, String name) {
        String v = f.nonBlank(name);
        if (v == null) {
            return null;
        }
        v = v.strip();
        return isStatus(v) ? v : null;
    }

    /**
     * Reads an address as Twilio writes it: an E.164 number, a national number (read in {@code region}), a
     * number behind a channel prefix ({@code whatsapp:+14155238886}), or something that is not a number at all
     * ({@code client:alice}, {@code sip:alice@example.com}, {@code messenger:123}).
     *
     * @param phones  the normaliser
     * @param address the address; null for none
     * @param region  the region national numbers are read in; null when unknown
     * @return the party: with a phone (every possible number normalised, validity recorded, never dropped),
     *         or with the address as handle
     */
    static Party party(PhoneNumbers phones, String address, String region) {
        if (address == null || address.isBlank()) {
            return Party.UNKNOWN;
        }
        PhoneNumber phone = phone(phones, address, region);
        return phone != null ? Party.UNKNOWN.withPhone(phone) : Party.UNKNOWN.withHandle(address.strip());
    }

    /**
     * @return the business endpoint an address names: kind {@code phone} with the E.164 number (or the number
     *         as written when it does not normalise), or kind {@code handle}; null for no address
     */
    static Endpoint endpoint(PhoneNumbers phones, String address, String region) {
        if (address == null || address.isBlank()) {
            return null;
        }
        PhoneNumber phone = phone(phones, address, region);
        if (phone == null) {
            return new Endpoint("handle", null, address.strip(), null);
        }
        return new Endpoint("phone", null, phone.e164() != null ? phone.e164() : phone.raw(), null);
    }

    /** @return the phone number an address carries, or null when it is not a number */
    static PhoneNumber phone(PhoneNumbers phones, String address, String region) {
        String a = address.strip();
        String number = a;
        Matcher m = SCHEME.matcher(a);
        if (m.matches()) {
            if (!PHONE_SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                return null;
            }
            number = m.group(2).strip();
        }
        if (!PHONE_LIKE.matcher(number).matches()) {
            return null;
        }
        PhoneNumber p = phones.normalise(number, region, Assurance.PROVIDER);
        return new PhoneNumber(p.e164(), a, p.valid(), Assurance.PROVIDER);
    }

    /** @return the channel prefix of an address ({@code whatsapp}), or null for a bare number */
    static String scheme(String address) {
        if (address == null) {
            return null;
        }
        Matcher m = SCHEME.matcher(address.strip());
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** @return the two-letter region Twilio gives for a side ({@code From}, {@code To}), else the fallback */
    static String region(FormFields f, String side, String fallback) {
        String c = f.nonBlank(side + "Country");
        if (c != null) {
            c = c.strip();
            if (c.length() == 2 && letter(c.charAt(0)) && letter(c.charAt(1))) {
                return c.toUpperCase(Locale.ROOT);
            }
        }
        return fallback;
    }

    /** Copies {@code FromCity} … {@code ToCountry} into {@code fromCity} … {@code toCountry}. */
    static void geo(FormFields f, JsonObject attrs) {
        for (String side : new String[] {"From", "To"}) {
            for (String g : GEO) {
                putIf(attrs, side.toLowerCase(Locale.ROOT) + g, f.nonBlank(side + g));
            }
        }
    }

    /** Parses Twilio's RFC 1123 timestamps ({@code Tue, 26 Mar 2024 18:38:13 +0000}); null when absent or odd. */
    static Instant timestamp(String value) {
        if (value == null || value.isBlank() || value.length() > 64) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** @return a whole number of at most 9 digits, else null */
    static Integer count(FormFields f, String name) {
        String v = f.nonBlank(name);
        if (v == null || !isDigits(v = v.strip(), 9)) {
            return null;
        }
        return Integer.valueOf(v);
    }

    static void putIf(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    /** @return an empty TwiML answer, 200 {@code text/xml} */
    static HttpReply emptyResponse() {
        return HttpReply.text(200, TWIML, EMPTY_RESPONSE);
    }
}

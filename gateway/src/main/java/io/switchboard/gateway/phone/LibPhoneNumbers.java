package io.switchboard.gateway.phone;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.PhoneNumber;
import io.switchboard.spi.contact.PhoneNumbers;

import java.util.Locale;

/**
 * {@link PhoneNumbers} backed by libphonenumber. Every <em>possible</em> number is normalised to E.164;
 * validity per the metadata is recorded, never used to drop a number.
 */
public final class LibPhoneNumbers implements PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Parsed NOT_A_NUMBER = new Parsed(null, false);
    /** Entries kept by default: a contact centre's own numbers and its recent callers. */
    public static final int DEFAULT_CACHE_SIZE = 50_000;

    /**
     * Parsing and validating with libphonenumber is the costliest step of a telephony webhook's intake
     * (loadtest/RESULTS.md), and the same numbers recur: the company's own numbers on every webhook, a caller's
     * number on each of their calls and messages. Results are pure functions of (text, region), so they are cached.
     */
    private final Cache<Key, Parsed> cache;

    /** With a cache of {@link #DEFAULT_CACHE_SIZE} entries. */
    public LibPhoneNumbers() {
        this(DEFAULT_CACHE_SIZE);
    }

    /** @param cacheSize the most (text, region) results kept */
    public LibPhoneNumbers(int cacheSize) {
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    @Override
    public PhoneNumber normalise(String raw, String region, Assurance assurance) {
        if (raw == null) {
            throw new NullPointerException("raw");
        }
        String text = raw.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"whatsapp:", "tel:", "sms:", "viber:"}) {
            if (lower.startsWith(prefix)) {
                text = text.substring(prefix.length()).strip();
                break;
            }
        }
        String reg = region == null || region.isBlank() ? null : region.strip().toUpperCase(Locale.ROOT);
        if (reg != null && !UTIL.getSupportedRegions().contains(reg)) {
            reg = null;
        }
        if (text.isEmpty() || text.length() > 64) {
            return new PhoneNumber(null, raw, false, assurance);
        }
        Parsed p = cache.get(new Key(text, reg), LibPhoneNumbers::parseUncached);
        return new PhoneNumber(p.e164(), raw, p.valid(), assurance);
    }

    /** What a (text, region) pair normalises to; {@code e164} null when it is not a possible number. */
    private record Parsed(String e164, boolean valid) {
    }

    private record Key(String text, String region) {
    }

    private static Parsed parseUncached(Key k) {
        String text = k.text();
        Phonenumber.PhoneNumber parsed = parse(text, k.region());
        if (parsed == null && !text.startsWith("+") && text.matches("^[0-9]{8,15}$")) {
            // WhatsApp ids and some providers send international numbers without the plus.
            parsed = parse("+" + text, null);
        }
        if (parsed == null || !UTIL.isPossibleNumber(parsed)) {
            return NOT_A_NUMBER;
        }
        return new Parsed(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164), UTIL.isValidNumber(parsed));
    }

    private static Phonenumber.PhoneNumber parse(String text, String region) {
        if (text.isEmpty() || text.length() > 64) {
            return null;
        }
        try {
            return UTIL.parse(text, region == null ? "ZZ" : region);
        } catch (NumberParseException e) {
            return null;
        }
    }
}

package io.switchboard.spi.testkit;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.PhoneNumber;
import io.switchboard.spi.contact.PhoneNumbers;

import java.util.Locale;

/**
 * The phone normaliser the test kit gives plugins and contact fixtures: libphonenumber with the gateway's
 * rules (every <em>possible</em> number becomes E.164, validity is recorded, never used to drop a number;
 * {@code whatsapp:}/{@code tel:}/{@code sms:}/{@code viber:} prefixes and plus-less international numbers are
 * accepted). The gateway's own normaliser is checked against this one by a test, so a plugin sees the same
 * numbers here as in production. Thread-safe.
 */
public final class TestPhoneNumbers implements PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final TestPhoneNumbers INSTANCE = new TestPhoneNumbers();

    private TestPhoneNumbers() {
    }

    /** @return the shared instance */
    public static TestPhoneNumbers get() {
        return INSTANCE;
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
        Phonenumber.PhoneNumber parsed = parse(text, reg);
        if (parsed == null && !text.startsWith("+") && text.matches("^[0-9]{8,15}$")) {
            parsed = parse("+" + text, null);
        }
        if (parsed == null || !UTIL.isPossibleNumber(parsed)) {
            return new PhoneNumber(null, raw, false, assurance);
        }
        String e164 = UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        return new PhoneNumber(e164, raw, UTIL.isValidNumber(parsed), assurance);
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

package io.switchboard.plugin.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Locale;

/** Which region a number in E.164 belongs to (libphonenumber's metadata). */
final class Regions {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private Regions() {
    }

    /** Loads libphonenumber's metadata now (at plugin creation), not on an event loop with the first contact. */
    static void warmUp() {
        of("+447700900000");
        of("+12025550100");
    }

    /**
     * @param e164 a number in E.164, or null
     * @return its ISO 3166 region ({@code GB}), or null when unknown or non-geographic
     */
    static String of(String e164) {
        if (e164 == null || !e164.startsWith("+")) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber n = UTIL.parse(e164, "ZZ");
            String r = UTIL.getRegionCodeForNumber(n);
            if (r == null || r.equals("ZZ") || r.equals("001")) {
                r = UTIL.getRegionCodeForCountryCode(n.getCountryCode());
            }
            return r == null || r.equals("ZZ") || r.equals("001") ? null : r;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * @param region a region as configured or sent by a provider
     * @return whether it is a region libphonenumber knows
     */
    static boolean isKnown(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region.strip().toUpperCase(Locale.ROOT));
    }
}

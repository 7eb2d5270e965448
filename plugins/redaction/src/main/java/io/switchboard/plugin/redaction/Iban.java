package io.switchboard.plugin.redaction;

import java.util.Map;

/**
 * International Bank Account Numbers (ISO 13616): the length per country from the SWIFT IBAN registry, and the
 * mod-97 check (ISO 7064 MOD 97-10).
 */
public final class Iban {

    /** IBAN length per country code, from the SWIFT IBAN registry. */
    static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27),
            Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28),
            Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
            Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18),
            Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23),
            Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HN", 28), Map.entry("HR", 21),
            Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26),
            Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28),
            Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21),
            Map.entry("LY", 25), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
            Map.entry("MN", 20), Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28),
            Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28),
            Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22),
            Map.entry("RU", 33), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24),
            Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25),
            Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29),
            Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30));

    private Iban() {
    }

    /**
     * @param country an upper-case country code
     * @return the IBAN length for the country, or 0 when the country does not use IBANs
     */
    public static int length(String country) {
        Integer n = LENGTHS.get(country);
        return n == null ? 0 : n;
    }

    /**
     * @param compact an IBAN without separators, upper case
     * @return whether it has a known country, that country's length, and a valid mod-97 check
     */
    public static boolean isValid(String compact) {
        if (compact.length() < 5) {
            return false;
        }
        int expected = length(compact.substring(0, 2));
        if (expected == 0 || compact.length() != expected) {
            return false;
        }
        if (!Character.isDigit(compact.charAt(2)) || !Character.isDigit(compact.charAt(3))) {
            return false;
        }
        return mod97(compact) == 1;
    }

    /**
     * The ISO 7064 MOD 97-10 remainder of an IBAN: the first four characters moved to the end, letters as 10..35.
     *
     * @param compact an IBAN without separators, upper case, ASCII letters and digits only
     * @return the remainder, or -1 when a character is not a letter or digit
     */
    static int mod97(String compact) {
        int r = 0;
        int n = compact.length();
        for (int k = 0; k < n; k++) {
            char c = compact.charAt((k + 4) % n);
            if (c >= '0' && c <= '9') {
                r = (r * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                r = (r * 100 + (c - 'A' + 10)) % 97;
            } else {
                return -1;
            }
        }
        return r;
    }

    /**
     * The check digits that make an IBAN valid.
     *
     * @param country the country code
     * @param bban    the basic bank account number, upper case
     * @return the two check digits
     */
    static String checkDigits(String country, String bban) {
        int r = mod97(country + "00" + bban);
        int check = 98 - r;
        return check < 10 ? "0" + check : Integer.toString(check);
    }
}

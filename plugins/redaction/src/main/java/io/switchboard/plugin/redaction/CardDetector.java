package io.switchboard.plugin.redaction;

import java.util.ArrayList;
import java.util.List;

/**
 * Payment card numbers (ISO/IEC 7812 primary account numbers): 13 to 19 digits, written together or in groups
 * separated by single spaces or hyphens, whose first digit is a card industry identifier (2 to 6: Mastercard's
 * 2-series, American Express, Diners, JCB, Visa, Mastercard, Discover, UnionPay, Maestro) and which pass the Luhn
 * check. In a longer run of digit groups (a card number next to an order number, say), every group-aligned
 * sub-sequence is tried, longest first.
 */
public final class CardDetector implements Detector {

    /** The kind recorded for card numbers. */
    public static final String KIND = "payment-card";

    private static final int MIN = 13;
    private static final int MAX = 19;

    @Override
    public List<Finding> find(String text) {
        List<Finding> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i)) || (i > 0 && isWordChar(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            // A run of digit groups: digits, single separators between digits.
            List<int[]> groups = new ArrayList<>();
            int j = i;
            while (true) {
                int gs = j;
                while (j < n && isDigit(text.charAt(j))) {
                    j++;
                }
                groups.add(new int[] {gs, j});
                if (j + 1 < n && isSeparator(text.charAt(j)) && isDigit(text.charAt(j + 1))) {
                    j++;
                    continue;
                }
                break;
            }
            boolean bounded = j >= n || !isWordChar(text.charAt(j));
            if (bounded) {
                scan(text, groups, out);
            }
            i = Math.max(j, i + 1);
        }
        return out;
    }

    private static void scan(String text, List<int[]> groups, List<Finding> out) {
        int g = 0;
        while (g < groups.size()) {
            boolean found = false;
            for (int h = groups.size(); h > g; h--) {
                int digits = 0;
                for (int k = g; k < h; k++) {
                    digits += groups.get(k)[1] - groups.get(k)[0];
                }
                if (digits < MIN || digits > MAX) {
                    continue;
                }
                StringBuilder sb = new StringBuilder(digits);
                for (int k = g; k < h; k++) {
                    sb.append(text, groups.get(k)[0], groups.get(k)[1]);
                }
                if (isCardNumber(sb)) {
                    out.add(new Finding(KIND, groups.get(g)[0], groups.get(h - 1)[1]));
                    g = h;
                    found = true;
                    break;
                }
            }
            if (!found) {
                g++;
            }
        }
    }

    /**
     * @param digits ASCII digits
     * @return whether they form a plausible card number: 13-19 digits, industry identifier 2-6, Luhn-valid
     */
    public static boolean isCardNumber(CharSequence digits) {
        int n = digits.length();
        if (n < MIN || n > MAX) {
            return false;
        }
        char first = digits.charAt(0);
        return first >= '2' && first <= '6' && Luhn.isValid(digits);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '\u00A0';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }
}

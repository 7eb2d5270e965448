package io.switchboard.plugin.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * IBANs: a known country code, two check digits and the country's length of letters and digits, written either
 * together or in the print format (groups of four separated by single spaces, the last group shorter), in upper
 * or lower case, passing the mod-97 check. The value must stand alone: the characters around it are not letters
 * or digits.
 */
public final class IbanDetector implements Detector {

    /** The kind recorded for IBANs. */
    public static final String KIND = "iban";

    @Override
    public List<Finding> find(String text) {
        List<Finding> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i + 4 <= n) {
            if (!startsCandidate(text, i)) {
                i++;
                continue;
            }
            String country = text.substring(i, i + 2).toUpperCase(Locale.ROOT);
            int expected = Iban.length(country);
            int end = expected == 0 ? -1 : candidateEnd(text, i, expected);
            if (end > 0) {
                StringBuilder compact = new StringBuilder(expected);
                for (int k = i; k < end; k++) {
                    char c = text.charAt(k);
                    if (c != ' ') {
                        compact.append(Character.toUpperCase(c));
                    }
                }
                if (Iban.isValid(compact.toString())) {
                    out.add(new Finding(KIND, i, end));
                    i = end;
                    continue;
                }
            }
            i++;
        }
        return out;
    }

    private static boolean startsCandidate(String text, int i) {
        if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
            return false;
        }
        return isAsciiLetter(text.charAt(i)) && isAsciiLetter(text.charAt(i + 1))
                && isDigit(text.charAt(i + 2)) && isDigit(text.charAt(i + 3));
    }

    /**
     * @return the end offset of an IBAN-shaped value of {@code expected} characters starting at {@code start}, or
     *         -1: compact, or groups of four separated by single spaces; one letter case; bounded by a non-word char
     */
    private static int candidateEnd(String text, int start, int expected) {
        int n = text.length();
        int count = 0;
        int groupLen = 0;
        boolean spaced = false;
        boolean upper = false;
        boolean lower = false;
        int k = start;
        while (k < n && count < expected) {
            char c = text.charAt(k);
            if (c == ' ') {
                // Print format: a space only after a full group of four, followed by a letter or digit.
                if (groupLen != 4 || k + 1 >= n || !isAsciiLetterOrDigit(text.charAt(k + 1))) {
                    return -1;
                }
                if (!spaced && count != 4) {
                    return -1;
                }
                spaced = true;
                groupLen = 0;
                k++;
                continue;
            }
            if (!isAsciiLetterOrDigit(c)) {
                return -1;
            }
            if (spaced && groupLen == 4) {
                return -1;
            }
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            }
            count++;
            groupLen++;
            k++;
        }
        if (count != expected || (upper && lower)) {
            return -1;
        }
        if (k < n && Character.isLetterOrDigit(text.charAt(k))) {
            return -1;
        }
        return k;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }
}

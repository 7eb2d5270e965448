package io.switchboard.plugin.priority;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How cue matching reads text: Unicode-normalised (NFKC), lower-cased, diacritics removed ({@code störung} reads as
 * {@code storung}, for the text and the lexicon alike), typographic apostrophes made plain, and split into words
 * (letters and digits, with apostrophes inside a word kept: {@code can't}, {@code d'internet}).
 */
final class Text {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Text() {
    }

    /**
     * @param text any text, or null
     * @return its words, normalised; empty for null
     */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        String s = normalise(text);
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            if (!Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n) {
                cp = s.codePointAt(i);
                if (Character.isLetterOrDigit(cp)) {
                    i += Character.charCount(cp);
                } else if (cp == '\'' && i + 1 < n && Character.isLetterOrDigit(s.codePointAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
            out.add(s.substring(start, i));
        }
        return out;
    }

    /** The text as cues are matched against it: see the class comment. */
    static String normalise(String text) {
        if (isAscii(text)) {
            // NFKC and NFD leave ASCII as it is and it has no marks: only the case is left to fold.
            return text.toLowerCase(Locale.ROOT);
        }
        return unicode(text);
    }

    /** {@link #normalise} without its ASCII short cut. */
    static String unicode(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u02BC', '\'');
        return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    }

    private static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}

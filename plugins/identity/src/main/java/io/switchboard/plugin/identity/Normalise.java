package io.switchboard.plugin.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The normal forms identity matching compares. */
final class Normalise {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private Normalise() {
    }

    /**
     * An email address trimmed and lower-cased. Dots and {@code +tags} are kept: folding them would merge distinct
     * mailboxes at some providers, so it is never done for automatic matching.
     *
     * @param raw the address as written
     * @return the normal form, or null when it is not an address
     */
    static String email(String raw) {
        if (raw == null) {
            return null;
        }
        String e = raw.strip().toLowerCase(Locale.ROOT);
        return EMAIL.matcher(e).matches() ? e : null;
    }

    /**
     * A display name: NFKC, lower-cased, whitespace collapsed. Only names of two words or more are used (a first
     * name alone matches too many people).
     *
     * @param raw the name
     * @return the normal form, or null when it is too short to use
     */
    static String name(String raw) {
        if (raw == null) {
            return null;
        }
        String n = SPACES.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip())
                .replaceAll(" ");
        long words = n.isEmpty() ? 0 : n.split(" ").length;
        return words >= 2 && n.codePoints().anyMatch(Character::isLetter) ? n : null;
    }

    /**
     * A handle, keyed on its provider: {@code x:janecust}.
     *
     * @param provider the provider
     * @param raw      the handle, with or without {@code @}
     * @return the normal form, or null when empty
     */
    static String handle(String provider, String raw) {
        if (raw == null || provider == null) {
            return null;
        }
        String h = raw.strip();
        while (h.startsWith("@")) {
            h = h.substring(1);
        }
        h = h.toLowerCase(Locale.ROOT);
        return h.isEmpty() || h.contains(" ") ? null : provider.toLowerCase(Locale.ROOT) + ":" + h;
    }
}

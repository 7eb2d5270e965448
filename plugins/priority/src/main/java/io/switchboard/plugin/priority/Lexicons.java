package io.switchboard.plugin.priority;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lexicons in use, and which of them reads a text: the language the text is written in, recognised by its
 * common words (the language with the most, at least two and more than any other), or every lexicon when the
 * language cannot be told. Immutable.
 */
final class Lexicons {

    private final Map<String, Lexicon> byLanguage;

    Lexicons(List<Lexicon> lexicons) {
        Map<String, Lexicon> m = new LinkedHashMap<>();
        lexicons.forEach(l -> m.put(l.language(), l));
        this.byLanguage = java.util.Collections.unmodifiableMap(m);
    }

    /** @return the languages, in configuration order */
    List<String> languages() {
        return new ArrayList<>(byLanguage.keySet());
    }

    /**
     * @param words normalised words of a text
     * @return the language the text is written in, among the lexicons' languages, or null when it cannot be told
     */
    String detect(List<String> words) {
        String best = null;
        int bestHits = 0;
        int second = 0;
        for (Lexicon l : byLanguage.values()) {
            int h = l.stopwordHits(words);
            if (h > bestHits) {
                second = bestHits;
                bestHits = h;
                best = l.language();
            } else if (h > second) {
                second = h;
            }
        }
        return bestHits >= 2 && bestHits > second ? best : null;
    }

    /**
     * @param tag a BCP-47 tag ({@code en-GB}), or null
     * @return the lexicon language it names, or null when there is no lexicon for it
     */
    String forTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String primary = tag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return byLanguage.containsKey(primary) ? primary : null;
    }

    /**
     * @param words    normalised words of a text
     * @param language the language to read it in, or null for every lexicon
     * @return category to the language of the lexicon that found it, in lexicon order
     */
    Map<String, String> cues(List<String> words, String language) {
        Map<String, String> out = new LinkedHashMap<>();
        if (language != null) {
            byLanguage.get(language).categoriesIn(words).forEach(c -> out.put(c, language));
            return out;
        }
        for (Lexicon l : byLanguage.values()) {
            l.categoriesIn(words).forEach(c -> out.putIfAbsent(c, l.language()));
        }
        return out;
    }

    /** @return every category any lexicon defines */
    java.util.Set<String> categories() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        byLanguage.values().forEach(l -> out.addAll(l.categories().keySet()));
        return out;
    }
}

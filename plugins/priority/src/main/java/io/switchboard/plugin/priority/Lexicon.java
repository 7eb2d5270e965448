package io.switchboard.plugin.priority;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cues of one language: words that say what a contact is about (an outage, fraud, a cancellation, a repeat
 * complaint, a legal threat, urgency, a vulnerable customer), by category, plus common words used to recognise the
 * language. A term is one or more words; a trailing {@code *} makes its last word a prefix ({@code cancel*} matches
 * cancel, cancelled, cancellation). Immutable.
 *
 */
final class Lexicon {

    /** The lexicons shipped with the plugin. */
    static final List<String> BUILT_IN = List.of("en", "de", "fr");

    private final String language;
    private final Set<String> stopwords;
    private final Map<String, List<Term>> categories;
    /** Terms by their first word (all but one-word prefixes), and the one-word prefixes, for matching in one pass. */
    private final Map<String, List<Cue>> byFirstWord = new java.util.HashMap<>();
    private final List<Cue> prefixWords = new ArrayList<>();

    private record Cue(String category, Term term) {
    }

    Lexicon(String language, Set<String> stopwords, Map<String, List<Term>> categories) {
        this.language = language;
        this.stopwords = Set.copyOf(stopwords);
        this.categories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categories));
        this.categories.forEach((cat, terms) -> {
            for (Term t : terms) {
                if (t.words().size() == 1 && t.prefix()) {
                    prefixWords.add(new Cue(cat, t));
                } else {
                    byFirstWord.computeIfAbsent(t.words().get(0), k -> new ArrayList<>()).add(new Cue(cat, t));
                }
            }
        });
    }

    /** @return the language */
    String language() {
        return language;
    }

    /** @return the categories and their terms */
    Map<String, List<Term>> categories() {
        return categories;
    }

    /**
     * One cue term.
     *
     * @param words  its normalised words
     * @param prefix whether the last word is a prefix
     */
    record Term(List<String> words, boolean prefix) {
        Term {
            words = List.copyOf(words);
        }

        /**
         * @param written the term as written in a lexicon
         * @return the term, or null when it has no words
         */
        static Term parse(String written) {
            String w = written.strip();
            boolean prefix = w.endsWith("*");
            List<String> words = Text.words(prefix ? w.substring(0, w.length() - 1) : w);
            return words.isEmpty() ? null : new Term(words, prefix);
        }

        /**
         * @param text normalised words of a text
         * @param at   a position in it
         * @return whether the term occurs at the position
         */
        boolean matchesAt(List<String> text, int at) {
            int n = words.size();
            if (at + n > text.size()) {
                return false;
            }
            for (int k = 0; k < n; k++) {
                String t = text.get(at + k);
                String w = words.get(k);
                boolean last = k == n - 1;
                if (last && prefix ? !t.startsWith(w) : !t.equals(w)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * @param language   the language, a lower-case BCP-47 primary subtag ({@code en})
     * @param stopwords  common words of the language, normalised
     * @param categories category to terms
     * @return the lexicon
     */
    static Lexicon of(String language, Set<String> stopwords, Map<String, List<Term>> categories) {
        return new Lexicon(language, stopwords, categories);
    }

    /**
     * @param language a built-in language
     * @return its lexicon
     */
    static Lexicon builtIn(String language) {
        String path = "lexicons/" + language + ".json";
        try (InputStream in = Lexicon.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in lexicon for language '" + language + "'");
            }
            return fromJson(language, new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in lexicon " + path, e);
        }
    }

    /**
     * @param language the language
     * @param json     {@code {"stopwords": [...], "cues": {"category": ["term", ...]}}}
     * @return the lexicon
     */
    static Lexicon fromJson(String language, JsonObject json) {
        Set<String> stop = new HashSet<>();
        JsonArray sw = json.getJsonArray("stopwords", new JsonArray());
        for (int i = 0; i < sw.size(); i++) {
            stop.addAll(Text.words(sw.getString(i)));
        }
        Map<String, List<Term>> cats = new LinkedHashMap<>();
        JsonObject cues = json.getJsonObject("cues", new JsonObject());
        for (String cat : cues.fieldNames()) {
            List<Term> terms = new ArrayList<>();
            JsonArray arr = cues.getJsonArray(cat);
            for (int i = 0; i < arr.size(); i++) {
                Term t = Term.parse(arr.getString(i));
                if (t != null) {
                    terms.add(t);
                }
            }
            cats.put(cat, terms);
        }
        return new Lexicon(language, stop, cats);
    }

    /**
     * @param other another lexicon of the same language
     * @return this lexicon with the other's stopwords and terms added
     */
    Lexicon merge(Lexicon other) {
        Set<String> stop = new HashSet<>(stopwords);
        stop.addAll(other.stopwords);
        Map<String, List<Term>> cats = new LinkedHashMap<>();
        categories.forEach((k, v) -> cats.put(k, new ArrayList<>(v)));
        other.categories.forEach((k, v) -> cats.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        return new Lexicon(language, stop, cats);
    }

    /**
     * @param words normalised words of a text
     * @return the categories with at least one term in the text, in this lexicon's order
     */
    Set<String> categoriesIn(List<String> words) {
        Set<String> hit = new java.util.HashSet<>();
        for (int i = 0; i < words.size(); i++) {
            List<Cue> candidates = byFirstWord.get(words.get(i));
            if (candidates != null) {
                for (Cue c : candidates) {
                    if (!hit.contains(c.category()) && c.term().matchesAt(words, i)) {
                        hit.add(c.category());
                    }
                }
            }
            for (Cue c : prefixWords) {
                if (!hit.contains(c.category()) && words.get(i).startsWith(c.term().words().get(0))) {
                    hit.add(c.category());
                }
            }
        }
        Set<String> found = new java.util.LinkedHashSet<>();
        for (String cat : categories.keySet()) {
            if (hit.contains(cat)) {
                found.add(cat);
            }
        }
        return found;
    }

    /**
     * @param words normalised words of a text
     * @return how many of them are this language's stopwords
     */
    int stopwordHits(List<String> words) {
        int n = 0;
        for (String w : words) {
            if (stopwords.contains(w)) {
                n++;
            }
        }
        return n;
    }
}

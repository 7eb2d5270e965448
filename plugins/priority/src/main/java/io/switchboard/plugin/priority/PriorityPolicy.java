package io.switchboard.plugin.priority;

import io.switchboard.spi.contact.Priority;
import io.switchboard.spi.contact.PriorityBand;
import io.switchboard.spi.contact.PriorityReason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring rules: a base score, points per cue category found in the text, per customer tier, per repeat contact
 * in the conversation, for waiting beyond the target of the band, and (only when an operator switches it on, and
 * capped) for public exposure. The score is clamped to 0..100 and falls in a band by thresholds. Every contribution
 * is a named {@link PriorityReason}. Pure and thread-safe: equal signals give equal priorities.
 */
final class PriorityPolicy {

    /** The reason code of the vulnerability category; other categories are {@code intent.<category>}. */
    static final String VULNERABILITY = "vulnerability";

    /**
     * Exposure scoring, off unless an operator switches it on.
     *
     * @param enabled        whether public visibility and reach may add points
     * @param publicPoints   points for a public contact
     * @param pointsPerDecade points per tenfold of reach beyond 10 (10 → 0, 100 → 1×, 1000 → 2×, …)
     * @param maxPoints      the cap on all exposure points together
     */
    record Exposure(boolean enabled, int publicPoints, int pointsPerDecade, int maxPoints) {
        static final Exposure OFF = new Exposure(false, 0, 0, 0);
    }

    private final Lexicons lexicons;
    private final int base;
    private final Map<String, Integer> cuePoints;
    private final Map<String, Integer> tierPoints;
    private final int repeatPoints;
    private final int repeatMax;
    private final Map<PriorityBand, Duration> targets;
    private final int waitingPoints;
    private final int p1;
    private final int p2;
    private final int p3;
    private final Exposure exposure;

    PriorityPolicy(Lexicons lexicons, int base, Map<String, Integer> cuePoints, Map<String, Integer> tierPoints,
                   int repeatPoints, int repeatMax, Map<PriorityBand, Duration> targets, int waitingPoints,
                   int p1, int p2, int p3, Exposure exposure) {
        this.lexicons = lexicons;
        this.base = base;
        this.cuePoints = Map.copyOf(cuePoints);
        this.tierPoints = Map.copyOf(tierPoints);
        this.repeatPoints = repeatPoints;
        this.repeatMax = repeatMax;
        this.targets = new EnumMap<>(targets);
        this.waitingPoints = waitingPoints;
        this.p1 = p1;
        this.p2 = p2;
        this.p3 = p3;
        this.exposure = exposure;
    }

    /** @return the exposure settings */
    Exposure exposure() {
        return exposure;
    }

    /**
     * @param s the signals
     * @return the priority with its reasons
     */
    Priority score(Signals s) {
        List<PriorityReason> reasons = new ArrayList<>();
        int score = base;
        reasons.add(new PriorityReason("base", base, "starting score"));

        List<String> words = Text.words(s.text());
        String language = lexicons.forTag(s.contentLanguage());
        String how = "given by the contact";
        if (language == null) {
            language = lexicons.detect(words);
            how = "recognised from the text";
        }
        if (language != null) {
            reasons.add(new PriorityReason("language." + language, 0, "cues read with the " + language
                    + " lexicon (language " + how + ")"));
        } else {
            reasons.add(new PriorityReason("language.undetermined", 0, "language not recognised: cues read with every "
                    + "lexicon (" + String.join(", ", lexicons.languages()) + ")"));
        }
        for (Map.Entry<String, String> cue : lexicons.cues(words, language).entrySet()) {
            int pts = cuePoints.getOrDefault(cue.getKey(), 0);
            score += pts;
            reasons.add(new PriorityReason(code(cue.getKey()), pts, cue.getKey() + " cue (" + cue.getValue()
                    + " lexicon)"));
        }
        if (s.tier() != null) {
            Integer pts = tierPoints.get(s.tier());
            if (pts != null) {
                score += pts;
                reasons.add(new PriorityReason("tier." + s.tier(), pts, "customer tier " + s.tier()));
            }
        }
        if (s.conversationContacts() > 1 && repeatPoints > 0) {
            int pts = Math.min(repeatMax, (s.conversationContacts() - 1) * repeatPoints);
            score += pts;
            reasons.add(new PriorityReason("repeat.contacts", pts, "contact " + s.conversationContacts()
                    + " in this conversation"));
        }
        if (exposure.enabled()) {
            score += exposure(s, reasons);
        }
        PriorityBand band = band(clamp(score));
        Duration target = targets.get(band);
        if (target != null && waitingPoints > 0 && s.waiting().compareTo(target) > 0) {
            int times = s.waiting().compareTo(target.multipliedBy(2)) > 0 ? 2 : 1;
            int pts = times * waitingPoints;
            score += pts;
            reasons.add(new PriorityReason("waiting.over-target", pts, "waiting " + human(s.waiting()) + ", over "
                    + (times == 2 ? "twice " : "") + "the " + band + " target of " + human(target)));
        }
        int total = clamp(score);
        return new Priority(total, band(total), reasons);
    }

    private int exposure(Signals s, List<PriorityReason> reasons) {
        int budget = exposure.maxPoints();
        int added = 0;
        if (s.isPublic() && exposure.publicPoints() > 0 && budget > 0) {
            int pts = Math.min(budget, exposure.publicPoints());
            added += pts;
            budget -= pts;
            reasons.add(new PriorityReason("exposure.public", pts, "public contact (exposure scoring switched on, "
                    + "capped at " + exposure.maxPoints() + ")"));
        }
        if (s.reach() != null && s.reach() > 10 && exposure.pointsPerDecade() > 0 && budget > 0) {
            int decades = (int) Math.floor(Math.log10(s.reach())) - 1;
            int pts = Math.min(budget, Math.max(0, decades) * exposure.pointsPerDecade());
            if (pts > 0) {
                added += pts;
                reasons.add(new PriorityReason("exposure.reach", pts, "audience of about 10^" + (decades + 1)
                        + " (exposure scoring switched on, capped at " + exposure.maxPoints() + ")"));
            }
        }
        return added;
    }

    static String code(String category) {
        return VULNERABILITY.equals(category) ? VULNERABILITY : "intent." + category;
    }

    private static int clamp(int score) {
        return Math.max(0, Math.min(100, score));
    }

    PriorityBand band(int score) {
        if (score >= p1) {
            return PriorityBand.P1;
        }
        if (score >= p2) {
            return PriorityBand.P2;
        }
        if (score >= p3) {
            return PriorityBand.P3;
        }
        return PriorityBand.P4;
    }

    private static String human(Duration d) {
        long m = d.toMinutes();
        if (m < 60) {
            return m + "m";
        }
        long h = m / 60;
        long rest = m % 60;
        return rest == 0 ? h + "h" : h + "h" + rest + "m";
    }
}

package io.switchboard.plugin.priority;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;
import io.switchboard.spi.contact.PriorityBand;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.ContactPluginFactory;
import io.switchboard.spi.plugin.PluginInitContext;
import io.switchboard.spi.service.Conversations;
import io.switchboard.spi.service.CustomerDirectory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code priority} plugin: a fair, explainable score (0-100) and band (P1-P4) with its reasons. */
public final class PriorityPluginFactory implements ContactPluginFactory {

    /** The plugin type name. */
    public static final String NAME = "priority";

    private static final Pattern NAME_PATTERN = Pattern.compile("^[a-z][a-z0-9-]{0,39}$");
    private static final Pattern ATTRIBUTE = Pattern.compile("^[^.\\s]+\\.[^\\s]+$");

    /** Points per cue category, unless configured otherwise. */
    static final Map<String, Integer> DEFAULT_CUE_POINTS = defaults();

    private static Map<String, Integer> defaults() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("outage", 30);
        m.put("fraud", 35);
        m.put("cancellation", 20);
        m.put("repeat-complaint", 15);
        m.put("legal", 25);
        m.put("urgency", 15);
        m.put("vulnerability", 25);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static final ConfigSpec BANDS = ConfigSpec.of(
            ConfigKey.integer("p1").defaultValue(70).validate(Validator.between(1, 100))
                    .doc("Lowest score in band P1."),
            ConfigKey.integer("p2").defaultValue(50).validate(Validator.between(1, 100))
                    .doc("Lowest score in band P2; below `p1`."),
            ConfigKey.integer("p3").defaultValue(30).validate(Validator.between(1, 100))
                    .doc("Lowest score in band P3; below `p2`. Lower scores are P4."));

    private static final ConfigSpec WAITING = ConfigSpec.of(
            ConfigKey.duration("p1").defaultValue("15m").validate(Validator.positiveDuration())
                    .doc("Response target of band P1."),
            ConfigKey.duration("p2").defaultValue("1h").validate(Validator.positiveDuration())
                    .doc("Response target of band P2."),
            ConfigKey.duration("p3").defaultValue("4h").validate(Validator.positiveDuration())
                    .doc("Response target of band P3."),
            ConfigKey.duration("p4").defaultValue("24h").validate(Validator.positiveDuration())
                    .doc("Response target of band P4."),
            ConfigKey.integer("points").defaultValue(10).validate(Validator.between(0, 50))
                    .doc("Points added when the customer has waited (since the conversation opened) longer than the "
                            + "target of the band the contact would fall in; twice as many beyond twice the target."));

    private static final ConfigSpec EXPOSURE = ConfigSpec.of(
            ConfigKey.bool("enabled").defaultValue(false)
                    .doc("Let public visibility and reach add points. Off by default: the same text from the same "
                            + "customer scores the same whether it was public or private, whatever the audience."),
            ConfigKey.integer("publicPoints").defaultValue(5).validate(Validator.between(0, 20))
                    .doc("Points for a public contact, when enabled (reason `exposure.public`)."),
            ConfigKey.string("reachAttribute").validate(Validator.<String>of(s -> ATTRIBUTE.matcher(s).matches(),
                            "must be namespace.key, e.g. x.followersCount"))
                    .doc("The contact attribute holding the sender's audience (followers), as `namespace.key`, when "
                            + "enabled (reason `exposure.reach`)."),
            ConfigKey.integer("pointsPerDecade").defaultValue(2).validate(Validator.between(0, 20))
                    .doc("Points per tenfold of reach beyond 10 (100: 1x, 1000: 2x, ...), when enabled."),
            ConfigKey.integer("maxPoints").defaultValue(10).validate(Validator.between(0, 20))
                    .doc("Cap on all exposure points together; at most 20."));

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.integer("baseScore").defaultValue(20).validate(Validator.between(0, 100))
                    .doc("The score every contact starts from."),
            ConfigKey.list("languages").defaultValue(Lexicon.BUILT_IN).validate(PriorityPluginFactory::names)
                    .doc("Languages whose lexicons are used: the built-in `en`, `de`, `fr`, and any defined in "
                            + "`lexicons`. A text is read with the lexicon of the language it is recognised to be in, "
                            + "or with all of them when its language cannot be told."),
            ConfigKey.map("lexicons").validate(PriorityPluginFactory::lexicons)
                    .doc("Extra cue terms, per language: `{en: {cues: {outage: [\"no dial tone\"]}, stopwords: [...]}}`. "
                            + "Added to the built-in lexicon of the language, or defining a new language (then list it in "
                            + "`languages`). A trailing `*` makes a term's last word a prefix."),
            ConfigKey.map("cuePoints").validate(PriorityPluginFactory::points)
                    .doc("Points per cue category (0-100), over the defaults outage 30, fraud 35, cancellation 20, "
                            + "repeat-complaint 15, legal 25, urgency 15, vulnerability 25. A category defined in "
                            + "`lexicons` needs its points here."),
            ConfigKey.map("tiers").defaultValue(new JsonObject().put("platinum", 20).put("gold", 15).put("silver", 5))
                    .validate(PriorityPluginFactory::tierPoints)
                    .doc("Points per customer tier (from the customer directory; -50 to 50), for contacts linked to a "
                            + "customer."),
            ConfigKey.integer("repeatPoints").defaultValue(5).validate(Validator.between(0, 50))
                    .doc("Points per earlier contact in the same conversation."),
            ConfigKey.integer("repeatMaxPoints").defaultValue(15).validate(Validator.between(0, 50))
                    .doc("Cap on the repeat-contact points."),
            ConfigKey.object("waiting", WAITING).doc("Response targets per band, and the points for waiting beyond them."),
            ConfigKey.object("bands", BANDS).doc("Score thresholds of the bands."),
            ConfigKey.object("exposure", EXPOSURE).doc("Public visibility and reach: off unless switched on, then capped."),
            ConfigKey.bool("trustContactLanguage").defaultValue(false)
                    .doc("Read a text in the language the channel reports (e.g. X's `lang`) when there is a lexicon for "
                            + "it, instead of recognising it from the text. Off by default, so that the language, and "
                            + "with it the score, depends on the text alone and not on the channel."));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Fair, explainable priority: score 0-100 and band P1-P4 with reasons, the same on every channel";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ContactPlugin create(PluginInitContext context) {
        ConfigValues c = context.config();
        PriorityPolicy policy = policy(c);
        ConfigValues exposure = c.getObject("exposure");
        return new PriorityPlugin(policy, context.service(CustomerDirectory.class).orElse(null),
                context.service(Conversations.class).orElse(null), c.getBoolean("trustContactLanguage"),
                exposure.getString("reachAttribute"));
    }

    /**
     * @param c validated configuration
     * @return the scoring rules
     * @throws ConfigException for cross-key problems (band order, a language without a lexicon, a category without points)
     */
    static PriorityPolicy policy(ConfigValues c) {
        List<ConfigProblem> problems = new ArrayList<>();
        JsonObject extra = c.has("lexicons") ? c.getJson("lexicons") : new JsonObject();
        List<String> languages = c.getList("languages");
        List<Lexicon> lexicons = new ArrayList<>();
        for (int i = 0; i < languages.size(); i++) {
            String lang = languages.get(i);
            Lexicon l = Lexicon.BUILT_IN.contains(lang) ? Lexicon.builtIn(lang) : null;
            if (extra.containsKey(lang)) {
                Lexicon more = Lexicon.fromJson(lang, extra.getJsonObject(lang));
                l = l == null ? more : l.merge(more);
            }
            if (l == null) {
                problems.add(ConfigProblem.invalid("languages[" + i + "]", "has no built-in lexicon ("
                        + String.join(", ", Lexicon.BUILT_IN) + "); define it under lexicons", lang));
            } else {
                lexicons.add(l);
            }
        }
        for (String lang : extra.fieldNames()) {
            if (!languages.contains(lang)) {
                problems.add(ConfigProblem.invalid("lexicons." + lang, "is not in languages, so it would never be used",
                        null));
            }
        }
        Map<String, Integer> cuePoints = new LinkedHashMap<>(DEFAULT_CUE_POINTS);
        if (c.has("cuePoints")) {
            JsonObject cp = c.getJson("cuePoints");
            cp.fieldNames().forEach(k -> cuePoints.put(k, ((Number) cp.getValue(k)).intValue()));
        }
        Lexicons all = new Lexicons(lexicons);
        for (Lexicon l : lexicons) {
            for (String cat : l.categories().keySet()) {
                if (!cuePoints.containsKey(cat)) {
                    problems.add(ConfigProblem.invalid("lexicons." + l.language() + ".cues." + cat,
                            "has no points: add cuePoints." + cat, null));
                }
            }
        }
        ConfigValues bands = c.getObject("bands");
        int p1 = bands.getInt("p1");
        int p2 = bands.getInt("p2");
        int p3 = bands.getInt("p3");
        if (!(p1 > p2 && p2 > p3)) {
            problems.add(ConfigProblem.invalid("bands", "thresholds must satisfy p1 > p2 > p3",
                    "p1=" + p1 + ", p2=" + p2 + ", p3=" + p3));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(null, problems);
        }
        Map<String, Integer> tiers = new LinkedHashMap<>();
        JsonObject t = c.getJson("tiers");
        t.fieldNames().forEach(k -> tiers.put(k, ((Number) t.getValue(k)).intValue()));
        ConfigValues w = c.getObject("waiting");
        Map<PriorityBand, Duration> targets = new EnumMap<>(PriorityBand.class);
        targets.put(PriorityBand.P1, w.getDuration("p1"));
        targets.put(PriorityBand.P2, w.getDuration("p2"));
        targets.put(PriorityBand.P3, w.getDuration("p3"));
        targets.put(PriorityBand.P4, w.getDuration("p4"));
        ConfigValues e = c.getObject("exposure");
        PriorityPolicy.Exposure exposure = e.getBoolean("enabled")
                ? new PriorityPolicy.Exposure(true, e.getInt("publicPoints"), e.getInt("pointsPerDecade"),
                e.getInt("maxPoints"))
                : PriorityPolicy.Exposure.OFF;
        return new PriorityPolicy(all, c.getInt("baseScore"), cuePoints, tiers, c.getInt("repeatPoints"),
                c.getInt("repeatMaxPoints"), targets, w.getInt("points"), p1, p2, p3, exposure);
    }

    @SuppressWarnings("unchecked")
    private static List<ConfigProblem> names(String path, Object value) {
        List<ConfigProblem> out = new ArrayList<>();
        List<String> l = (List<String>) value;
        for (int i = 0; i < l.size(); i++) {
            if (!NAME_PATTERN.matcher(l.get(i)).matches()) {
                out.add(ConfigProblem.invalid(path + "[" + i + "]", "must be a lower-case language code such as en",
                        l.get(i)));
            }
        }
        if (l.isEmpty()) {
            out.add(ConfigProblem.invalid(path, "must name at least one language", null));
        }
        return out;
    }

    private static List<ConfigProblem> points(String path, Object value) {
        return intMap(path, (JsonObject) value, 0, 100, true);
    }

    private static List<ConfigProblem> tierPoints(String path, Object value) {
        return intMap(path, (JsonObject) value, -50, 50, false);
    }

    private static List<ConfigProblem> intMap(String path, JsonObject m, int min, int max, boolean namedKeys) {
        List<ConfigProblem> out = new ArrayList<>();
        for (String k : m.fieldNames()) {
            Object v = m.getValue(k);
            if (namedKeys && !NAME_PATTERN.matcher(k).matches()) {
                out.add(ConfigProblem.invalid(path + "." + k, "must be lower case letters, digits and '-'", null));
            }
            if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min
                    || ((Number) v).longValue() > max) {
                out.add(ConfigProblem.invalid(path + "." + k, "must be a whole number between " + min + " and " + max, v));
            }
        }
        return out;
    }

    private static List<ConfigProblem> lexicons(String path, Object value) {
        List<ConfigProblem> out = new ArrayList<>();
        JsonObject m = (JsonObject) value;
        for (String lang : m.fieldNames()) {
            String at = path + "." + lang;
            if (!NAME_PATTERN.matcher(lang).matches()) {
                out.add(ConfigProblem.invalid(at, "must be a lower-case language code such as en", null));
            }
            if (!(m.getValue(lang) instanceof JsonObject l)) {
                out.add(ConfigProblem.invalid(at, "must be a mapping with cues and stopwords", null));
                continue;
            }
            for (String k : l.fieldNames()) {
                if (!k.equals("cues") && !k.equals("stopwords")) {
                    out.add(ConfigProblem.invalid(at + "." + k, "is not a known key; known keys are cues, stopwords", null));
                }
            }
            Object sw = l.getValue("stopwords");
            if (sw != null) {
                out.addAll(strings(at + ".stopwords", sw));
            }
            Object cues = l.getValue("cues");
            if (cues != null && !(cues instanceof JsonObject)) {
                out.add(ConfigProblem.invalid(at + ".cues", "must be a mapping of category to terms", null));
            } else if (cues != null) {
                JsonObject co = (JsonObject) cues;
                for (String cat : co.fieldNames()) {
                    if (!NAME_PATTERN.matcher(cat).matches()) {
                        out.add(ConfigProblem.invalid(at + ".cues." + cat, "must be lower case letters, digits and '-'",
                                null));
                    }
                    out.addAll(strings(at + ".cues." + cat, co.getValue(cat)));
                }
            }
        }
        return out;
    }

    private static List<ConfigProblem> strings(String path, Object v) {
        if (!(v instanceof JsonArray arr)) {
            return List.of(ConfigProblem.invalid(path, "must be a list of strings", null));
        }
        List<ConfigProblem> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            Object item = arr.getValue(i);
            if (!(item instanceof String s) || Text.words(s.replace("*", "")).isEmpty()) {
                out.add(ConfigProblem.invalid(path + "[" + i + "]", "must be a term of at least one word", item));
            }
        }
        return out;
    }
}

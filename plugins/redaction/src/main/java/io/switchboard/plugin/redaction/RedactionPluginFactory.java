package io.switchboard.plugin.redaction;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.ContactPluginFactory;
import io.switchboard.spi.plugin.PluginInitContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The {@code redaction} plugin: payment cards, IBANs and configured account numbers, found and redacted. */
public final class RedactionPluginFactory implements ContactPluginFactory {

    /** The plugin type name. */
    public static final String NAME = "redaction";

    private static final List<String> BUILT_IN = List.of(CardDetector.KIND, IbanDetector.KIND);
    private static final Pattern KIND_NAME = Pattern.compile("^[a-z][a-z0-9-]{0,39}$");

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.list("detect").defaultValue(BUILT_IN).validate(RedactionPluginFactory::detectors)
                    .doc("Built-in detectors to run: `payment-card` (13-19 digits, industry identifier 2-6, Luhn check) "
                            + "and `iban` (known country, its length, mod-97 check)."),
            ConfigKey.array("patterns").validate(RedactionPluginFactory::patterns)
                    .doc("Account-number patterns, each `{name: account-number, regex: '...'}`: a Java regular "
                            + "expression; only its named group `value` is redacted when it has one. The name is the "
                            + "kind recorded."),
            ConfigKey.oneOf("privateContacts", "redact", "detect").defaultValue("redact")
                    .doc("What to do with findings in private contacts: `redact` them, or only `detect` (record and "
                            + "tag). Public contacts are always redacted."),
            ConfigKey.string("replacement").defaultValue("[redacted {kind}]")
                    .validate(Validator.<String>of(s -> !s.isEmpty() && s.chars().noneMatch(Character::isDigit),
                            "must be non-empty and contain no digits"))
                    .doc("What replaces a finding; `{kind}` is replaced with its kind."),
            ConfigKey.string("tag").defaultValue("pii-detected").validate(nonBlank())
                    .doc("Tag added to every contact with findings."),
            ConfigKey.string("publicTag").defaultValue("move-to-private").validate(nonBlank())
                    .doc("Tag added to a public contact with findings, so the team moves the conversation to a "
                            + "private channel; the attribute `redaction.reason` says why."));

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
        return "Finds payment cards, IBANs and account numbers in contact text; redacts them (always in public)";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ContactPlugin create(PluginInitContext context) {
        ConfigValues config = context.config();
        return new RedactionPlugin(redactor(config), "redact".equals(config.getString("privateContacts")),
                config.getString("tag"), config.getString("publicTag"));
    }

    static Redactor redactor(ConfigValues config) {
        List<Detector> detectors = new ArrayList<>();
        List<String> detect = config.getList("detect");
        if (detect.contains(CardDetector.KIND)) {
            detectors.add(new CardDetector());
        }
        if (detect.contains(IbanDetector.KIND)) {
            detectors.add(new IbanDetector());
        }
        JsonArray patterns = config.getArray("patterns");
        if (patterns != null) {
            for (int i = 0; i < patterns.size(); i++) {
                JsonObject p = patterns.getJsonObject(i);
                detectors.add(new PatternDetector(p.getString("name"), Pattern.compile(p.getString("regex"))));
            }
        }
        return new Redactor(detectors, config.getString("replacement"));
    }

    private static Validator nonBlank() {
        return Validator.<String>of(s -> !s.isBlank(), "must not be blank");
    }

    @SuppressWarnings("unchecked")
    private static List<ConfigProblem> detectors(String path, Object value) {
        List<ConfigProblem> out = new ArrayList<>();
        List<String> l = (List<String>) value;
        for (int i = 0; i < l.size(); i++) {
            if (!BUILT_IN.contains(l.get(i))) {
                out.add(ConfigProblem.invalid(path + "[" + i + "]", "must be one of " + String.join(", ", BUILT_IN),
                        l.get(i)));
            }
        }
        return out;
    }

    private static List<ConfigProblem> patterns(String path, Object value) {
        JsonArray arr = (JsonArray) value;
        List<ConfigProblem> out = new ArrayList<>();
        Set<String> names = new HashSet<>(BUILT_IN);
        for (int i = 0; i < arr.size(); i++) {
            String at = path + "[" + i + "]";
            if (!(arr.getValue(i) instanceof JsonObject p)) {
                out.add(ConfigProblem.invalid(at, "must be a mapping with name and regex", null));
                continue;
            }
            for (String k : p.fieldNames()) {
                if (!k.equals("name") && !k.equals("regex")) {
                    out.add(ConfigProblem.invalid(at + "." + k, "is not a known key; known keys are name, regex", null));
                }
            }
            Object name = p.getValue("name");
            if (!(name instanceof String n) || !KIND_NAME.matcher(n).matches()) {
                out.add(ConfigProblem.invalid(at + ".name",
                        "must be lower case letters, digits and '-', starting with a letter", name));
            } else if (!names.add(n)) {
                out.add(ConfigProblem.invalid(at + ".name", "is used twice or names a built-in detector", n));
            }
            Object regex = p.getValue("regex");
            if (!(regex instanceof String r) || r.isEmpty()) {
                out.add(ConfigProblem.invalid(at + ".regex", "is required", null));
            } else {
                try {
                    Pattern compiled = Pattern.compile(r);
                    if (compiled.matcher("").matches()) {
                        out.add(ConfigProblem.invalid(at + ".regex", "must not match the empty string", r));
                    }
                } catch (PatternSyntaxException e) {
                    out.add(ConfigProblem.invalid(at + ".regex", "is not a valid regular expression: "
                            + e.getDescription(), r));
                }
            }
        }
        return out;
    }
}

package io.switchboard.plugin.identity;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.ContactPluginFactory;
import io.switchboard.spi.plugin.PluginInitContext;
import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.service.CustomerRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code identity} plugin: cross-channel customer matching with links, suggestions and their evidence. */
public final class IdentityPluginFactory implements ContactPluginFactory {

    /** The plugin type name. */
    public static final String NAME = "identity";

    private static final Logger LOG = LoggerFactory.getLogger(IdentityPluginFactory.class);
    private static final Pattern ATTRIBUTE = Pattern.compile("^[^.\\s]+\\.[^\\s]+$");

    private static final ConfigSpec CRM = ConfigSpec.of(
            ConfigKey.string("url").validate(IdentityPluginFactory::httpUrl)
                    .doc("The CRM lookup endpoint (`GET <url>?tenant=&type=&value=`, see docs/plugins/identity.md). "
                            + "Absent: no CRM lookup."),
            ConfigKey.secret("token").doc("Bearer token sent to the CRM, as `${env:NAME}` or `${file:/path}`."),
            ConfigKey.duration("timeout").defaultValue("2s").validate(Validator.positiveDuration())
                    .doc("Time limit of one CRM call; a call over it counts as a failure of the CRM's breaker."),
            ConfigKey.duration("cacheTtl").defaultValue("10m").validate(Validator.positiveDuration())
                    .doc("How long a CRM answer that found customers is cached."),
            ConfigKey.duration("missCacheTtl").defaultValue("1m").validate(Validator.positiveDuration())
                    .doc("How long a CRM answer that found nobody is cached."),
            ConfigKey.integer("cacheSize").defaultValue(10_000).validate(Validator.between(1, 1_000_000))
                    .doc("Most CRM answers cached (least recently used evicted)."),
            ConfigKey.integer("failureRateThreshold").defaultValue(50).validate(Validator.between(1, 100))
                    .doc("Failure rate, in percent, at which the CRM's breaker opens."),
            ConfigKey.integer("slidingWindow").defaultValue(20).validate(Validator.between(1, 10_000))
                    .doc("CRM calls the breaker's failure rate is computed over."),
            ConfigKey.integer("minimumCalls").defaultValue(10).validate(Validator.between(1, 10_000))
                    .doc("CRM calls before the breaker's failure rate counts."),
            ConfigKey.duration("openFor").defaultValue("30s").validate(Validator.positiveDuration())
                    .doc("How long the CRM's breaker stays open before one trial call."));

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.string("customersFile").validate(Validator.<String>of(s -> !s.isBlank(), "must not be blank"))
                    .doc("Customer seed file (CSV, format in docs/plugins/identity.md), relative to the configuration "
                            + "directory, e.g. `customers.csv`. Loaded into the customer directory when the plugin is "
                            + "created; at most 5 MB. Absent: the directory holds what the store already has."),
            ConfigKey.map("regions").validate(IdentityPluginFactory::regionMap)
                    .doc("ISO 3166 region per channel id (`{contact-us: GB}`) to read national phone numbers in when the "
                            + "provider does not say (no `FromCountry`, no business number)."),
            ConfigKey.string("defaultRegion").validate(Validator.<String>of(Regions::isKnown,
                            "must be an ISO 3166 region code such as GB"))
                    .doc("Region for national numbers on channels without one in `regions`, and for `customersFile` rows "
                            + "without a region. There is no built-in default."),
            ConfigKey.list("regionAttributes").defaultValue(List.of("twilio.fromCountry"))
                    .validate(IdentityPluginFactory::attributes)
                    .doc("Contact attributes (`namespace.key`) where a provider reports the sender's country, tried in "
                            + "order before the business number's region and `regions`."),
            ConfigKey.bool("weakSignals").defaultValue(true)
                    .doc("Also look up weak signals (display name, handle, numbers and addresses written in the text); "
                            + "they only ever make suggestions, never links."),
            ConfigKey.integer("maxCandidates").defaultValue(5).validate(Validator.between(1, 50))
                    .doc("A weak signal on file for more customers than this is ignored (it identifies no one)."),
            ConfigKey.integer("lookupConcurrency").defaultValue(64).validate(Validator.between(1, 10_000))
                    .doc("Directory lookups this step has in flight at once; more wait their turn. The store's read "
                            + "queue is bounded and serves the admin API too."),
            ConfigKey.object("crm", CRM).doc("Optional read-through lookup against a CRM's HTTP API, cached, with its "
                    + "own circuit breaker."));

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
        return "Cross-channel identity: normalised identifiers, links on verified/strong matches, suggestions otherwise";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ContactPlugin create(PluginInitContext context) {
        CustomerDirectory directory = context.service(CustomerDirectory.class).orElseThrow(() -> new IllegalStateException(
                "the identity plugin needs the CustomerDirectory service, which this gateway does not offer"));
        ConfigValues c = context.config();
        Regions.warmUp();
        String defaultRegion = c.findString("defaultRegion").map(r -> r.strip().toUpperCase(Locale.ROOT)).orElse(null);
        Map<String, String> regions = new LinkedHashMap<>();
        if (c.has("regions")) {
            JsonObject r = c.getJson("regions");
            r.fieldNames().forEach(k -> regions.put(k, r.getString(k).strip().toUpperCase(Locale.ROOT)));
        }
        List<IdentifierExtractor.RegionAttribute> attrs = new ArrayList<>();
        for (String a : c.getList("regionAttributes")) {
            int dot = a.indexOf('.');
            attrs.add(new IdentifierExtractor.RegionAttribute(a.substring(0, dot), a.substring(dot + 1)));
        }
        Future<Void> seeded = Future.succeededFuture();
        if (c.has("customersFile")) {
            List<CustomerRecord> customers = readCustomers(context, c.getString("customersFile"), defaultRegion);
            seeded = seed(directory, customers, context.step());
        }
        ConfigValues crm = c.getObject("crm");
        CrmLookup lookup = null;
        if (crm.has("url")) {
            lookup = new CrmLookup(context.vertx(), new CrmLookup.Settings(crm.getString("url"), crm.getString("token"),
                    crm.getDuration("timeout"), crm.getDuration("cacheTtl"), crm.getDuration("missCacheTtl"),
                    crm.getInt("cacheSize"), crm.getInt("failureRateThreshold"), crm.getInt("slidingWindow"),
                    crm.getInt("minimumCalls"), crm.getDuration("openFor")), context.phoneNumbers(),
                    context.chain() + "." + context.step() + ".crm");
        }
        IdentifierExtractor extractor = new IdentifierExtractor(context.phoneNumbers(), regions, defaultRegion, attrs,
                c.getBoolean("weakSignals"));
        return new IdentityPlugin(directory, context.phoneNumbers(), extractor, new Matcher(c.getInt("maxCandidates")),
                lookup, seeded, c.getInt("lookupConcurrency"));
    }

    /**
     * Reads and validates the seed file (small: read at creation, as the SPI allows).
     *
     * @throws ConfigException naming {@code customersFile}, the file and each bad line
     */
    static List<CustomerRecord> readCustomers(PluginInitContext context, String file, String defaultRegion) {
        Path path = context.configDirectory().resolve(file).normalize();
        String text;
        try {
            long size = Files.size(path);
            if (size > CustomersCsv.MAX_BYTES) {
                throw problem("file " + path + " is " + size + " bytes; at most " + CustomersCsv.MAX_BYTES
                        + " are read at start (keep larger directories in the store or behind the CRM lookup)", file);
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (CharacterCodingException e) {
            throw problem("file " + path + " is not UTF-8", file);
        } catch (IOException e) {
            throw problem("file " + path + " cannot be read (" + e.getClass().getSimpleName() + ")", file);
        }
        CustomersCsv.Result r = CustomersCsv.parse(text, context.phoneNumbers(), defaultRegion);
        if (!r.problems().isEmpty()) {
            List<ConfigProblem> problems = new ArrayList<>();
            r.problems().forEach(p -> problems.add(ConfigProblem.invalid("customersFile", path + " " + p, null)));
            throw new ConfigException(null, problems);
        }
        return r.customers();
    }

    private static ConfigException problem(String message, String file) {
        return new ConfigException(null, List.of(ConfigProblem.invalid("customersFile", message, file)));
    }

    /** Upserts in flight at once while seeding: the store's write queue is bounded, and serves intake too. */
    static final int SEED_CHUNK = 256;

    private static Future<Void> seed(CustomerDirectory directory, List<CustomerRecord> customers, String step) {
        return seedFrom(directory, customers, 0).onComplete(ar -> {
            if (ar.succeeded()) {
                LOG.atInfo().setMessage("customer directory seeded").addKeyValue("step", step)
                        .addKeyValue("customers", customers.size()).log();
            } else {
                LOG.atError().setMessage("customer directory seeding failed; the step fails until restarted")
                        .addKeyValue("step", step).addKeyValue("error", ar.cause().getClass().getSimpleName()).log();
            }
        });
    }

    /** Seeds in chunks of {@link #SEED_CHUNK}, one chunk after the other. */
    private static Future<Void> seedFrom(CustomerDirectory directory, List<CustomerRecord> customers, int from) {
        if (from >= customers.size()) {
            return Future.succeededFuture();
        }
        int to = Math.min(customers.size(), from + SEED_CHUNK);
        List<Future<Void>> chunk = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            chunk.add(directory.upsert(customers.get(i)));
        }
        return Future.all(chunk).compose(v -> seedFrom(directory, customers, to));
    }

    private static List<ConfigProblem> regionMap(String path, Object value) {
        List<ConfigProblem> out = new ArrayList<>();
        JsonObject m = (JsonObject) value;
        for (String k : m.fieldNames()) {
            Object v = m.getValue(k);
            if (!(v instanceof String s) || !Regions.isKnown(s)) {
                out.add(ConfigProblem.invalid(path + "." + k, "must be an ISO 3166 region code such as GB", v));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<ConfigProblem> attributes(String path, Object value) {
        List<ConfigProblem> out = new ArrayList<>();
        List<String> l = (List<String>) value;
        for (int i = 0; i < l.size(); i++) {
            if (!ATTRIBUTE.matcher(l.get(i)).matches()) {
                out.add(ConfigProblem.invalid(path + "[" + i + "]", "must be namespace.key, e.g. twilio.fromCountry",
                        l.get(i)));
            }
        }
        return out;
    }

    private static List<ConfigProblem> httpUrl(String path, Object value) {
        String s = (String) value;
        try {
            URI u = new URI(s);
            if ((!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())) || u.getHost() == null) {
                return List.of(ConfigProblem.invalid(path, "must be an http or https URL", s));
            }
            return List.of();
        } catch (URISyntaxException e) {
            return List.of(ConfigProblem.invalid(path, "must be an http or https URL", s));
        }
    }
}

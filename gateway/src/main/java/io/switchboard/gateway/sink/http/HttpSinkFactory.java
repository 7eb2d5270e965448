package io.switchboard.gateway.sink.http;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.ContactSinkFactory;
import io.switchboard.spi.sink.SinkInitContext;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code http} sink type, for CRM and ticketing APIs: one request per contact (or per batch), templated from
 * the contact, with auth from environment variables and an idempotency key per contact. See {@link HttpSink} and
 * {@link HttpPreset}.
 */
public final class HttpSinkFactory implements ContactSinkFactory {

    private static final String HEADER_NAME = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";

    private static final ConfigSpec AUTH = ConfigSpec.of(
            ConfigKey.oneOf("type", "none", "bearer", "basic", "api-key").defaultValue("none")
                    .doc("`bearer`: `Authorization: Bearer <token>` (Salesforce, HubSpot). `basic`: user name and "
                            + "password (Zendesk: `<email>/token` and the API token). `api-key`: `token` in the header "
                            + "named by `header`."),
            ConfigKey.secret("token").doc("Token for `bearer` and `api-key`."),
            ConfigKey.string("username").doc("User name for `basic`."),
            ConfigKey.secret("password").doc("Password (or API token) for `basic`."),
            ConfigKey.string("header").defaultValue("X-API-Key").validate(Validator.<String>of(
                    s -> s.matches(HEADER_NAME), "must be an HTTP header name")).doc("Header name for `api-key`."));

    /** The declared keys. */
    public static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.oneOf("preset", HttpPreset.names()).defaultValue("none")
                    .doc("A ready-made request: `zendesk-ticket` (create a ticket with `Idempotency-Key`), "
                            + "`salesforce-case` (upsert a Case by the external id `Switchboard_Contact_Id__c`), "
                            + "`hubspot-batch-upsert` (batch upsert tickets by the unique property "
                            + "`switchboard_contact_id`). Keys given below replace the preset's. `none`: POST the contact "
                            + "JSON to `url`."),
            ConfigKey.string("url").required().validate(HttpSinkFactory::checkUrl)
                    .doc("Base URL of the target (`https://acme.zendesk.com`); the request goes to `url` + `path`."),
            ConfigKey.string("path").validate(HttpSinkFactory::checkTemplate)
                    .doc("Path template appended to `url`, e.g. `/crm/contacts/{{id}}`; values are percent-encoded. "
                            + "Default: the preset's, else none."),
            ConfigKey.oneOf("method", "POST", "PUT", "PATCH")
                    .doc("Request method. Default: the preset's, else `POST`."),
            ConfigKey.map("headers").validate(HttpSinkFactory::checkHeaders)
                    .doc("Extra request headers, `name: template`."),
            ConfigKey.map("body").validate((path, value) -> problems(ContactTemplate.check(value, path)))
                    .doc("Body template, a mapping whose strings may hold `{{ … }}` expressions over the contact JSON "
                            + "(see docs/sinks.md). Default: the preset's, else the whole contact (`{{$}}`). In batch mode "
                            + "it is the template of one item."),
            ConfigKey.string("idempotencyHeader").validate(Validator.<String>of(
                            s -> s.isEmpty() || s.matches(HEADER_NAME), "must be an HTTP header name or empty"))
                    .doc("Header carrying the contact id as idempotency key. Default: `Idempotency-Key`, except for "
                            + "the upsert presets (their external id is in the path or body); empty: none."),
            ConfigKey.string("externalRef").validate(HttpSinkFactory::checkPointer)
                    .doc("JSON pointer to the target's id in the answer (`/ticket/id`), kept as the delivery's "
                            + "external reference. In batch mode: in each result item. Default: the preset's."),
            ConfigKey.integer("batchSize").validate(Validator.between(0, 1000))
                    .doc("Contacts per request (batch mode); 0: one request per contact. Default: the preset's (100 for "
                            + "`hubspot-batch-upsert`), else 0."),
            ConfigKey.string("batchField").doc("Batch mode: the body field holding the items. Default `inputs`."),
            ConfigKey.string("batchResults").validate(HttpSinkFactory::checkPointer)
                    .doc("Batch mode: JSON pointer to the answer's array of results. Default `/results`."),
            ConfigKey.string("batchMatch").validate(HttpSinkFactory::checkPointer)
                    .doc("Batch mode: JSON pointer, in each result, to the contact id that matches it to its contact "
                            + "(results the target lists as failed, and contacts it does not list, are retried)."),
            ConfigKey.duration("timeout").defaultValue("10s").validate(Validator.positiveDuration())
                    .doc("A request not answered within this time is retried. Keep it below `delivery.attemptTimeout`."),
            ConfigKey.integer("concurrency").defaultValue(4).validate(Validator.between(1, 64))
                    .doc("Requests in flight at once (one-request-per-contact mode)."),
            ConfigKey.object("auth", AUTH).validate(HttpSinkFactory::checkAuth).doc("Authentication."));

    @Override
    public String type() {
        return "http";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Sends contacts to CRM and ticketing APIs (presets for Zendesk tickets, Salesforce Case upsert, HubSpot "
                + "batch upsert), templated from the contact, with an idempotency key per contact; 2xx is delivered, 4xx "
                + "other than 408/429 a dead letter at once, 408/429/5xx/timeouts are retried (honouring Retry-After).";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    private static List<ConfigProblem> problems(Map<String, String> found) {
        List<ConfigProblem> out = new ArrayList<>();
        found.forEach((path, msg) -> out.add(ConfigProblem.invalid(path, msg, null)));
        return out;
    }

    private static List<ConfigProblem> checkUrl(String path, Object value) {
        String s = (String) value;
        try {
            URI u = new URI(s);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                return List.of(ConfigProblem.invalid(path, "must be an absolute http:// or https:// URL", s));
            }
            if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
                return List.of(ConfigProblem.invalid(path, "must not carry a query, fragment or credentials "
                        + "(credentials go in auth)", null));
            }
            return List.of();
        } catch (URISyntaxException e) {
            return List.of(ConfigProblem.invalid(path, "is not a URL: " + e.getReason(), s));
        }
    }

    private static List<ConfigProblem> checkTemplate(String path, Object value) {
        return problems(ContactTemplate.check(value, path));
    }

    private static List<ConfigProblem> checkPointer(String path, Object value) {
        try {
            JsonPointer.from((String) value);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(ConfigProblem.invalid(path, "must be a JSON pointer such as /ticket/id", value));
        }
    }

    private static List<ConfigProblem> checkHeaders(String path, Object value) {
        JsonObject o = (JsonObject) value;
        List<ConfigProblem> out = new ArrayList<>();
        for (String name : o.fieldNames()) {
            Object v = o.getValue(name);
            if (!name.matches(HEADER_NAME)) {
                out.add(ConfigProblem.invalid(path + "." + name, "is not an HTTP header name", null));
            } else if (name.equalsIgnoreCase("authorization")) {
                out.add(ConfigProblem.invalid(path + "." + name, "credentials go in auth (from the environment), "
                        + "not in headers", null));
            } else if (!(v instanceof String)) {
                out.add(ConfigProblem.invalid(path + "." + name, "must be a string template", null));
            } else {
                out.addAll(problems(ContactTemplate.check(v, path + "." + name)));
            }
        }
        return out;
    }

    private static List<ConfigProblem> checkAuth(String path, Object value) {
        ConfigValues v = (ConfigValues) value;
        List<ConfigProblem> out = new ArrayList<>();
        String type = v.getString("type");
        if ((type.equals("bearer") || type.equals("api-key")) && v.getString("token") == null) {
            out.add(ConfigProblem.invalid(path + ".token", "is required for auth type " + type, null));
        }
        if (type.equals("basic")) {
            if (v.getString("username") == null) {
                out.add(ConfigProblem.invalid(path + ".username", "is required for auth type basic", null));
            }
            if (v.getString("password") == null) {
                out.add(ConfigProblem.invalid(path + ".password", "is required for auth type basic", null));
            }
        }
        return out;
    }

    @Override
    public Future<ContactSink> create(SinkInitContext context) {
        try {
            return Future.succeededFuture(HttpSink.create(context.vertx(), context.name(), settings(context.config())));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * @param v validated values
     * @return the settings, preset defaults filled in
     */
    static HttpSink.Settings settings(ConfigValues v) {
        HttpPreset p = HttpPreset.named(v.getString("preset"));
        String base = v.getString("url");
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String path = v.findString("path").orElse(p.path());
        HttpMethod method = v.findString("method").map(HttpMethod::valueOf).orElse(p.method());
        JsonObject body = v.getJson("body") != null ? v.getJson("body") : p.body();
        Map<String, ContactTemplate> headers = new LinkedHashMap<>();
        JsonObject h = v.getJson("headers");
        if (h != null) {
            h.forEach(e -> headers.put(e.getKey(), ContactTemplate.parse((String) e.getValue())));
        }
        String idem = v.findString("idempotencyHeader").orElse(p.idempotencyHeader());
        int batchSize = v.has("batchSize") ? v.getInt("batchSize") : p.batchSize();
        ConfigValues auth = v.getObject("auth");
        return new HttpSink.Settings(base, ContactTemplate.parse(path), method, headers,
                body == null ? null : ContactTemplate.compile(body), idem.isEmpty() ? null : idem,
                pointer(v.findString("externalRef").orElse(p.externalRef())), batchSize,
                v.findString("batchField").orElse(p.batchField()),
                pointer(v.findString("batchResults").orElse(p.batchResults())),
                pointer(v.findString("batchMatch").orElse(p.batchMatch())), v.getDuration("timeout"),
                v.getInt("concurrency"), HttpAuth.of(auth.getString("type"), auth.getString("token"),
                auth.getString("username"), auth.getString("password"), auth.getString("header")));
    }

    private static JsonPointer pointer(String s) {
        return s == null ? null : JsonPointer.from(s);
    }
}

package io.switchboard.spi.contact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The JSON form of {@link Contact}, as described by the JSON Schema {@link #SCHEMA_RESOURCE}.
 *
 * <p>Writing omits absent (null) components. Enumerations are written in lower case with {@code -} for
 * {@code _} ({@code self-asserted}), except priority bands ({@code P1}). Instants are ISO-8601 UTC strings.
 * Reading ignores unknown fields (newer writers may add some) and rejects missing required fields,
 * wrong types and unknown enumeration values with an {@link IllegalArgumentException} that names the
 * field. {@code fromJson(toJson(c)).equals(c)} holds for every contact.
 *
 * <p>Thread-safe: all methods are static and pure.
 */
public final class ContactJson {

    /** The classpath resource of the JSON Schema (draft 2020-12) of the contact JSON. */
    public static final String SCHEMA_RESOURCE = "/io/switchboard/spi/contact.schema.json";

    private ContactJson() {
    }

    /**
     * @param c a contact
     * @return its JSON form
     */
    public static JsonObject toJson(Contact c) {
        JsonObject o = new JsonObject()
                .put("id", c.id())
                .put("schemaVersion", c.schemaVersion())
                .put("tenant", c.tenant())
                .put("channel", new JsonObject().put("id", c.channel().id()).put("type", c.channel().type()))
                .put("kind", enumName(c.kind()))
                .put("visibility", enumName(c.visibility()));
        putIf(o, "occurredAt", c.occurredAt() == null ? null : c.occurredAt().toString());
        o.put("receivedAt", c.receivedAt().toString());
        o.put("sender", party(c.sender()));
        if (c.recipient() != null) {
            Endpoint r = c.recipient();
            JsonObject e = new JsonObject();
            putIf(e, "kind", r.kind());
            putIf(e, "id", r.id());
            putIf(e, "address", r.address());
            putIf(e, "name", r.name());
            o.put("recipient", e);
        }
        o.put("content", content(c.content()));
        JsonObject t = new JsonObject();
        putIf(t, "threadId", c.thread().threadId());
        putIf(t, "inReplyTo", c.thread().inReplyTo());
        putIf(t, "rootId", c.thread().rootId());
        o.put("thread", t);
        JsonObject p = new JsonObject().put("provider", c.provider().provider());
        putIf(p, "account", c.provider().account());
        p.put("eventId", c.provider().eventId());
        putIf(p, "eventType", c.provider().eventType());
        o.put("provider", p);
        if (c.raw() != null) {
            JsonObject raw = new JsonObject().put("id", c.raw().id());
            putIf(raw, "contentType", c.raw().contentType());
            raw.put("size", c.raw().size()).put("pointer", c.raw().pointer());
            o.put("raw", raw);
        }
        putIf(o, "traceId", c.traceId());
        if (c.customer() != null) {
            CustomerMatch m = c.customer();
            JsonObject cm = new JsonObject();
            putIf(cm, "customerId", m.customerId());
            putIf(cm, "method", m.method());
            cm.put("level", enumName(m.level()))
                    .put("confidence", m.confidence())
                    .put("linked", m.linked())
                    .put("candidates", new JsonArray(new ArrayList<>(m.candidates())));
            o.put("customer", cm);
        }
        putIf(o, "conversationKey", c.conversationKey());
        if (c.priority() != null) {
            JsonArray reasons = new JsonArray();
            for (PriorityReason r : c.priority().reasons()) {
                JsonObject ro = new JsonObject().put("code", r.code()).put("points", r.points());
                putIf(ro, "detail", r.detail());
                reasons.add(ro);
            }
            o.put("priority", new JsonObject()
                    .put("score", c.priority().score())
                    .put("band", c.priority().band().name())
                    .put("reasons", reasons));
        }
        JsonArray reds = new JsonArray();
        for (Redaction r : c.redactions()) {
            reds.add(new JsonObject().put("kind", r.kind()).put("field", r.field()).put("start", r.start())
                    .put("end", r.end()).put("redacted", r.redacted()));
        }
        o.put("redactions", reds);
        o.put("tags", new JsonArray(new ArrayList<>(c.tags())));
        o.put("attributes", c.attributes().toJson());
        Processing pr = c.processing();
        JsonObject po = new JsonObject().put("status", enumName(pr.status()));
        putIf(po, "chain", pr.chain());
        putIf(po, "nextStep", pr.nextStep());
        if (pr.rejection() != null) {
            po.put("rejection", note(pr.rejection()));
        }
        JsonArray skipped = new JsonArray();
        pr.skipped().forEach(s -> skipped.add(note(s)));
        po.put("skipped", skipped);
        o.put("processing", po);
        return o;
    }

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The contact's JSON form as text, written straight from the contact: the same text as
     * {@code toJson(c).encode()} (same fields, same order), without building the {@link JsonObject} tree first.
     * For the hot paths that only need the text (the store's documents, sinks' payloads).
     *
     * @param c a contact
     * @return its JSON form, encoded
     * @throws io.vertx.core.json.EncodeException when an attribute value cannot be encoded as JSON
     */
    public static String encode(Contact c) {
        StringWriter out = new StringWriter(2048);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, c);
        } catch (IOException e) {
            throw new io.vertx.core.json.EncodeException("cannot encode contact: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Contact c) throws IOException {
        g.writeStartObject();
        string(g, "id", c.id());
        g.writeNumberField("schemaVersion", c.schemaVersion());
        string(g, "tenant", c.tenant());
        g.writeObjectFieldStart("channel");
        string(g, "id", c.channel().id());
        string(g, "type", c.channel().type());
        g.writeEndObject();
        string(g, "kind", enumName(c.kind()));
        string(g, "visibility", enumName(c.visibility()));
        if (c.occurredAt() != null) {
            g.writeStringField("occurredAt", c.occurredAt().toString());
        }
        g.writeStringField("receivedAt", c.receivedAt().toString());
        g.writeFieldName("sender");
        party(g, c.sender());
        if (c.recipient() != null) {
            Endpoint r = c.recipient();
            g.writeObjectFieldStart("recipient");
            stringIf(g, "kind", r.kind());
            stringIf(g, "id", r.id());
            stringIf(g, "address", r.address());
            stringIf(g, "name", r.name());
            g.writeEndObject();
        }
        content(g, c.content());
        g.writeObjectFieldStart("thread");
        stringIf(g, "threadId", c.thread().threadId());
        stringIf(g, "inReplyTo", c.thread().inReplyTo());
        stringIf(g, "rootId", c.thread().rootId());
        g.writeEndObject();
        g.writeObjectFieldStart("provider");
        string(g, "provider", c.provider().provider());
        stringIf(g, "account", c.provider().account());
        string(g, "eventId", c.provider().eventId());
        stringIf(g, "eventType", c.provider().eventType());
        g.writeEndObject();
        if (c.raw() != null) {
            g.writeObjectFieldStart("raw");
            string(g, "id", c.raw().id());
            stringIf(g, "contentType", c.raw().contentType());
            g.writeNumberField("size", c.raw().size());
            string(g, "pointer", c.raw().pointer());
            g.writeEndObject();
        }
        stringIf(g, "traceId", c.traceId());
        if (c.customer() != null) {
            CustomerMatch m = c.customer();
            g.writeObjectFieldStart("customer");
            stringIf(g, "customerId", m.customerId());
            stringIf(g, "method", m.method());
            string(g, "level", enumName(m.level()));
            g.writeNumberField("confidence", m.confidence());
            g.writeBooleanField("linked", m.linked());
            strings(g, "candidates", m.candidates());
            g.writeEndObject();
        }
        stringIf(g, "conversationKey", c.conversationKey());
        if (c.priority() != null) {
            g.writeObjectFieldStart("priority");
            g.writeNumberField("score", c.priority().score());
            string(g, "band", c.priority().band().name());
            g.writeArrayFieldStart("reasons");
            for (PriorityReason r : c.priority().reasons()) {
                g.writeStartObject();
                string(g, "code", r.code());
                g.writeNumberField("points", r.points());
                stringIf(g, "detail", r.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeArrayFieldStart("redactions");
        for (Redaction r : c.redactions()) {
            g.writeStartObject();
            string(g, "kind", r.kind());
            string(g, "field", r.field());
            g.writeNumberField("start", r.start());
            g.writeNumberField("end", r.end());
            g.writeBooleanField("redacted", r.redacted());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "tags", c.tags());
        g.writeObjectFieldStart("attributes");
        for (Map.Entry<String, JsonObject> e : c.attributes().view().entrySet()) {
            g.writeFieldName(e.getKey());
            JacksonCodec.encodeJson(e.getValue(), g);
        }
        g.writeEndObject();
        Processing pr = c.processing();
        g.writeObjectFieldStart("processing");
        string(g, "status", enumName(pr.status()));
        stringIf(g, "chain", pr.chain());
        stringIf(g, "nextStep", pr.nextStep());
        if (pr.rejection() != null) {
            g.writeFieldName("rejection");
            note(g, pr.rejection());
        }
        g.writeArrayFieldStart("skipped");
        for (StepNote n : pr.skipped()) {
            note(g, n);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void note(JsonGenerator g, StepNote n) throws IOException {
        g.writeStartObject();
        string(g, "step", n.step());
        string(g, "reason", n.reason());
        g.writeEndObject();
    }

    private static void party(JsonGenerator g, Party s) throws IOException {
        g.writeStartObject();
        if (s.userId() != null) {
            ProviderUserId u = s.userId();
            g.writeObjectFieldStart("userId");
            string(g, "provider", u.provider());
            string(g, "scope", u.scope());
            string(g, "id", u.id());
            string(g, "assurance", enumName(u.assurance()));
            g.writeEndObject();
        }
        stringIf(g, "handle", s.handle());
        stringIf(g, "displayName", s.displayName());
        if (s.phone() != null) {
            g.writeObjectFieldStart("phone");
            stringIf(g, "e164", s.phone().e164());
            string(g, "raw", s.phone().raw());
            g.writeBooleanField("valid", s.phone().valid());
            string(g, "assurance", enumName(s.phone().assurance()));
            g.writeEndObject();
        }
        if (s.email() != null) {
            g.writeObjectFieldStart("email");
            string(g, "address", s.email().address());
            string(g, "assurance", enumName(s.email().assurance()));
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void content(JsonGenerator g, Content c) throws IOException {
        g.writeObjectFieldStart("content");
        stringIf(g, "text", c.text());
        stringIf(g, "subject", c.subject());
        stringIf(g, "language", c.language());
        g.writeArrayFieldStart("attachments");
        for (Attachment a : c.attachments()) {
            g.writeStartObject();
            stringIf(g, "kind", a.kind());
            stringIf(g, "url", a.url());
            stringIf(g, "providerId", a.providerId());
            stringIf(g, "contentType", a.contentType());
            stringIf(g, "filename", a.filename());
            if (a.size() != null) {
                g.writeNumberField("size", a.size());
            }
            stringIf(g, "sha256", a.sha256());
            stringIf(g, "caption", a.caption());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** A string field; {@code null} is written as JSON null, as {@link JsonObject#put} keeps it. */
    private static void string(JsonGenerator g, String name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    /** A string field only when there is a value, as {@code putIf}. */
    private static void stringIf(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void strings(JsonGenerator g, String name, java.util.Collection<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            if (v == null) {
                g.writeNull();
            } else {
                g.writeString(v);
            }
        }
        g.writeEndArray();
    }

    private static JsonObject note(StepNote n) {
        return new JsonObject().put("step", n.step()).put("reason", n.reason());
    }

    private static JsonObject party(Party s) {
        JsonObject o = new JsonObject();
        if (s.userId() != null) {
            ProviderUserId u = s.userId();
            o.put("userId", new JsonObject().put("provider", u.provider()).put("scope", u.scope()).put("id", u.id())
                    .put("assurance", enumName(u.assurance())));
        }
        putIf(o, "handle", s.handle());
        putIf(o, "displayName", s.displayName());
        if (s.phone() != null) {
            JsonObject ph = new JsonObject();
            putIf(ph, "e164", s.phone().e164());
            ph.put("raw", s.phone().raw()).put("valid", s.phone().valid())
                    .put("assurance", enumName(s.phone().assurance()));
            o.put("phone", ph);
        }
        if (s.email() != null) {
            o.put("email", new JsonObject().put("address", s.email().address())
                    .put("assurance", enumName(s.email().assurance())));
        }
        return o;
    }

    private static JsonObject content(Content c) {
        JsonObject o = new JsonObject();
        putIf(o, "text", c.text());
        putIf(o, "subject", c.subject());
        putIf(o, "language", c.language());
        JsonArray atts = new JsonArray();
        for (Attachment a : c.attachments()) {
            JsonObject ao = new JsonObject();
            putIf(ao, "kind", a.kind());
            putIf(ao, "url", a.url());
            putIf(ao, "providerId", a.providerId());
            putIf(ao, "contentType", a.contentType());
            putIf(ao, "filename", a.filename());
            putIf(ao, "size", a.size());
            putIf(ao, "sha256", a.sha256());
            putIf(ao, "caption", a.caption());
            atts.add(ao);
        }
        o.put("attachments", atts);
        return o;
    }

    private static void putIf(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static String enumName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Reads a contact.
     *
     * @param json the JSON form
     * @return the contact
     * @throws IllegalArgumentException when a required field is missing or a field is invalid; the
     *                                  message names the field
     */
    public static Contact fromJson(JsonObject json) {
        Reader r = new Reader(json, "");
        Reader ch = r.object("channel", true);
        Contact.Builder b = Contact.builder()
                .id(r.string("id", true))
                .schemaVersion(r.integer("schemaVersion", true))
                .tenant(r.string("tenant", false))
                .channel(new ChannelRef(ch.string("id", true), ch.string("type", true)))
                .kind(r.enumValue("kind", ContactKind.class, true))
                .visibility(r.enumValue("visibility", Visibility.class, true))
                .occurredAt(r.instant("occurredAt", false))
                .receivedAt(r.instant("receivedAt", true))
                .traceId(r.string("traceId", false))
                .conversationKey(r.string("conversationKey", false));
        Reader s = r.object("sender", false);
        if (s != null) {
            Reader u = s.object("userId", false);
            Reader ph = s.object("phone", false);
            Reader em = s.object("email", false);
            b.sender(new Party(
                    u == null ? null : new ProviderUserId(u.string("provider", true), u.string("scope", true),
                            u.string("id", true), u.enumValue("assurance", Assurance.class, true)),
                    s.string("handle", false),
                    s.string("displayName", false),
                    ph == null ? null : new PhoneNumber(ph.string("e164", false), ph.string("raw", true),
                            ph.bool("valid"), ph.enumValue("assurance", Assurance.class, true)),
                    em == null ? null : new EmailAddress(em.string("address", true),
                            em.enumValue("assurance", Assurance.class, true))));
        }
        Reader rc = r.object("recipient", false);
        if (rc != null) {
            b.recipient(new Endpoint(rc.string("kind", false), rc.string("id", false), rc.string("address", false),
                    rc.string("name", false)));
        }
        Reader co = r.object("content", false);
        if (co != null) {
            List<Attachment> atts = co.list("attachments", a -> new Attachment(a.string("kind", false),
                    a.string("url", false), a.string("providerId", false), a.string("contentType", false),
                    a.string("filename", false), a.longValue("size"), a.string("sha256", false),
                    a.string("caption", false)));
            b.content(new Content(co.string("text", false), co.string("subject", false),
                    co.string("language", false), atts));
        }
        Reader th = r.object("thread", false);
        if (th != null) {
            b.thread(new ThreadRef(th.string("threadId", false), th.string("inReplyTo", false),
                    th.string("rootId", false)));
        }
        Reader pv = r.object("provider", true);
        b.provider(new ProviderRef(pv.string("provider", true), pv.string("account", false),
                pv.string("eventId", true), pv.string("eventType", false)));
        Reader raw = r.object("raw", false);
        if (raw != null) {
            Long size = raw.longValue("size");
            b.raw(new RawRef(raw.string("id", true), raw.string("contentType", false), size == null ? 0 : size,
                    raw.string("pointer", false)));
        }
        Reader cm = r.object("customer", false);
        if (cm != null) {
            Double conf = cm.number("confidence");
            b.customer(new CustomerMatch(cm.string("customerId", false), cm.string("method", false),
                    cm.enumValue("level", MatchLevel.class, true), conf == null ? 0.0 : conf, cm.bool("linked"),
                    cm.list("candidates", null, String.class)));
        }
        Reader pr = r.object("priority", false);
        if (pr != null) {
            b.priority(new Priority(pr.integer("score", true), pr.enumValue("band", PriorityBand.class, true),
                    pr.list("reasons", x -> new PriorityReason(x.string("code", true), x.integer("points", true),
                            x.string("detail", false)))));
        }
        b.redactions(r.list("redactions", x -> new Redaction(x.string("kind", true), x.string("field", true),
                x.integer("start", true), x.integer("end", true), x.bool("redacted"))));
        b.tags(new LinkedHashSet<>(r.list("tags", null, String.class)));
        JsonObject attrs = r.rawObject("attributes");
        if (attrs != null) {
            Map<String, JsonObject> m = new LinkedHashMap<>();
            for (String ns : attrs.fieldNames()) {
                Object v = attrs.getValue(ns);
                if (!(v instanceof JsonObject jo)) {
                    throw new IllegalArgumentException("attributes." + ns + " must be an object");
                }
                m.put(ns, jo);
            }
            b.attributes(Attributes.of(m));
        }
        Reader ps = r.object("processing", false);
        if (ps != null) {
            Reader rej = ps.object("rejection", false);
            b.processing(new Processing(ps.enumValue("status", ProcessingStatus.class, true),
                    ps.string("chain", false), ps.string("nextStep", false),
                    rej == null ? null : new StepNote(rej.string("step", true), rej.string("reason", true)),
                    ps.list("skipped", x -> new StepNote(x.string("step", true), x.string("reason", true)))));
        }
        try {
            return b.build();
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid contact JSON: " + e.getMessage(), e);
        }
    }

    /** Typed, path-aware access to a JSON object. */
    private static final class Reader {
        private final JsonObject o;
        private final String path;

        Reader(JsonObject o, String path) {
            if (o == null) {
                throw new IllegalArgumentException("contact JSON must be an object");
            }
            this.o = o;
            this.path = path;
        }

        private String p(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private Object value(String key, boolean required) {
            Object v = o.getValue(key);
            if (v == null && required) {
                throw new IllegalArgumentException(p(key) + " is required");
            }
            return v;
        }

        String string(String key, boolean required) {
            Object v = value(key, required);
            if (v == null) {
                return null;
            }
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException(p(key) + " must be a string");
            }
            return s;
        }

        Integer integer(String key, boolean required) {
            Object v = value(key, required);
            if (v == null) {
                return null;
            }
            if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.longValue() > Integer.MAX_VALUE || n.longValue() < Integer.MIN_VALUE) {
                throw new IllegalArgumentException(p(key) + " must be an integer");
            }
            return n.intValue();
        }

        Long longValue(String key) {
            Object v = value(key, false);
            if (v == null) {
                return null;
            }
            if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException(p(key) + " must be an integer");
            }
            return n.longValue();
        }

        Double number(String key) {
            Object v = value(key, false);
            if (v == null) {
                return null;
            }
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException(p(key) + " must be a number");
            }
            return n.doubleValue();
        }

        boolean bool(String key) {
            Object v = value(key, false);
            if (v == null) {
                return false;
            }
            if (!(v instanceof Boolean bo)) {
                throw new IllegalArgumentException(p(key) + " must be a boolean");
            }
            return bo;
        }

        Instant instant(String key, boolean required) {
            String s = string(key, required);
            if (s == null) {
                return null;
            }
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(p(key) + " must be an ISO-8601 instant", e);
            }
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type, boolean required) {
            String s = string(key, required);
            if (s == null) {
                return null;
            }
            String name = type == PriorityBand.class ? s : s.toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return Enum.valueOf(type, name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(p(key) + " has unknown value '" + s + "'", e);
            }
        }

        Reader object(String key, boolean required) {
            Object v = value(key, required);
            if (v == null) {
                return null;
            }
            if (!(v instanceof JsonObject jo)) {
                throw new IllegalArgumentException(p(key) + " must be an object");
            }
            return new Reader(jo, p(key));
        }

        JsonObject rawObject(String key) {
            Object v = value(key, false);
            if (v == null) {
                return null;
            }
            if (!(v instanceof JsonObject jo)) {
                throw new IllegalArgumentException(p(key) + " must be an object");
            }
            return jo;
        }

        <T> List<T> list(String key, Function<Reader, T> item) {
            return list(key, item, null);
        }

        @SuppressWarnings("unchecked")
        <T> List<T> list(String key, Function<Reader, T> item, Class<T> scalar) {
            Object v = value(key, false);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof JsonArray arr)) {
                throw new IllegalArgumentException(p(key) + " must be an array");
            }
            List<T> out = new ArrayList<>(arr.size());
            for (int i = 0; i < arr.size(); i++) {
                Object x = arr.getValue(i);
                String ip = p(key) + "[" + i + "]";
                if (scalar != null) {
                    if (!scalar.isInstance(x)) {
                        throw new IllegalArgumentException(ip + " must be a " + scalar.getSimpleName().toLowerCase(Locale.ROOT));
                    }
                    out.add((T) x);
                } else {
                    if (!(x instanceof JsonObject jo)) {
                        throw new IllegalArgumentException(ip + " must be an object");
                    }
                    out.add(item.apply(new Reader(jo, ip)));
                }
            }
            return out;
        }
    }

}

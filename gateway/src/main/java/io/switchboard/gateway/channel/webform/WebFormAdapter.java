package io.switchboard.gateway.channel.webform;

import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.channel.FormFields;
import io.switchboard.spi.channel.FormUpload;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Attachment;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.EmailAddress;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.PhoneNumber;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Speaks the {@code web-form} channel: url-encoded, multipart and JSON bodies; field mapping; E.164
 * phone numbers; honeypot; origin allow-list (with CORS for script-driven forms); answers
 * {@code 202 {"id": …}} or a 303 redirect.
 */
final class WebFormAdapter implements ChannelAdapter {

    /** Attribute namespace for fields not mapped to the contact. */
    static final String NAMESPACE = "form";

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_KEY = 255;

    private final String channelId;
    private final PhoneNumbers phones;
    private final String region;
    private final String nameField;
    private final String emailField;
    private final String phoneField;
    private final String subjectField;
    private final String messageField;
    private final String honeypot;
    private final List<String> allowedOrigins;
    private final boolean requireOrigin;
    private final String redirectField;
    private final String idempotencyField;
    private final List<String> required;
    private final SubmissionLimits limits;

    WebFormAdapter(ChannelInitContext ctx) {
        ConfigValues c = ctx.config();
        ConfigValues f = c.getObject("fields");
        this.channelId = ctx.channelId();
        this.phones = ctx.phoneNumbers();
        this.region = c.getString("defaultRegion");
        this.nameField = f.getString("name");
        this.emailField = f.getString("email");
        this.phoneField = f.getString("phone");
        this.subjectField = f.getString("subject");
        this.messageField = f.getString("message");
        this.honeypot = c.getString("honeypotField");
        this.allowedOrigins = c.getList("allowedOrigins").stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        this.requireOrigin = c.getBoolean("requireOrigin");
        this.redirectField = c.getString("redirectField");
        this.idempotencyField = c.getString("idempotencyField");
        this.required = c.getList("requiredFields");
        this.limits = new SubmissionLimits(ctx.channelId(), c.getInt("perClientLimit"), c.getDuration("perClientWindow"),
                c.getInt("channelLimitPerSecond"));
    }

    @Override
    public Set<HttpMethod> eventMethods() {
        return Set.of(HttpMethod.POST);
    }

    @Override
    public Optional<HttpReply> handshake(InboundRequest request) {
        if (request.method() != HttpMethod.OPTIONS) {
            return Optional.empty();
        }
        String origin = origin(request);
        if (origin == null || !originAllowed(origin)) {
            return Optional.of(HttpReply.empty(403));
        }
        return Optional.of(cors(HttpReply.empty(204), origin)
                .withHeader("Access-Control-Allow-Methods", "POST")
                .withHeader("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key")
                .withHeader("Access-Control-Max-Age", "600"));
    }

    @Override
    public void verify(InboundRequest request) {
        String origin = origin(request);
        if (origin == null) {
            if (requireOrigin) {
                throw RequestRejectedException.forbidden("origin-missing");
            }
            limits.acquire(request.clientIp());
            return;
        }
        if (!originAllowed(origin)) {
            throw RequestRejectedException.forbidden("origin-not-allowed");
        }
        limits.acquire(request.clientIp());
    }

    private boolean originAllowed(String origin) {
        return allowedOrigins.isEmpty() || allowedOrigins.contains("*") || allowedOrigins.contains(origin);
    }

    /** The request's origin: the Origin header, else the origin of the Referer; lower case; null when neither. */
    static String origin(InboundRequest request) {
        String o = request.headers().get("Origin");
        if (o != null && !o.isBlank() && !"null".equals(o.trim())) {
            return o.trim().toLowerCase(Locale.ROOT);
        }
        String ref = request.headers().get("Referer");
        if (ref == null || ref.isBlank()) {
            return o == null ? null : "null";
        }
        return originOf(ref.trim());
    }

    private static String originOf(String url) {
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return "invalid";
            }
            String s = u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT);
            return u.getPort() < 0 ? s : s + ":" + u.getPort();
        } catch (URISyntaxException e) {
            return "invalid";
        }
    }

    @Override
    public Intake parse(InboundRequest request) {
        Map<String, List<Object>> fields = fields(request);
        if (honeypot != null && has(fields, honeypot)) {
            throw RequestRejectedException.malformed("honeypot", "submission rejected");
        }
        for (String r : required) {
            if (!has(fields, r)) {
                throw RequestRejectedException.malformed("missing-field", "field '" + r + "' is required");
            }
        }
        String redirect = text(fields, redirectField);
        if (redirect != null) {
            String target = originOf(redirect);
            boolean ok = !allowedOrigins.isEmpty() && !allowedOrigins.contains("*") && allowedOrigins.contains(target);
            if (!ok) {
                throw RequestRejectedException.malformed("redirect-not-allowed",
                        "field '" + redirectField + "' must be a URL on an allowed origin");
            }
        }
        String key = request.headers().get("Idempotency-Key");
        if (key == null || key.isBlank()) {
            key = text(fields, idempotencyField);
        }
        if (key != null && (key.length() > MAX_KEY || key.isBlank())) {
            throw RequestRejectedException.malformed("invalid-field", "idempotency key must be 1-" + MAX_KEY + " characters");
        }
        String name = text(fields, nameField);
        String email = text(fields, emailField);
        String phone = text(fields, phoneField);
        String subject = text(fields, subjectField);
        String message = text(fields, messageField);

        Party sender = Party.UNKNOWN.withDisplayName(name);
        if (email != null) {
            String e = email.strip().toLowerCase(Locale.ROOT);
            if (!EMAIL.matcher(e).matches()) {
                throw RequestRejectedException.malformed("invalid-field", "field '" + emailField + "' is not an email address");
            }
            sender = sender.withEmail(new EmailAddress(e, Assurance.SELF_ASSERTED));
        }
        if (phone != null) {
            PhoneNumber p = phones.normalise(phone, region, Assurance.SELF_ASSERTED);
            if (p.e164() == null) {
                throw RequestRejectedException.malformed("invalid-field", "field '" + phoneField + "' is not a phone number"
                        + (region == null ? " (use international format, +CC…)" : ""));
            }
            sender = sender.withPhone(p);
        }
        JsonObject extra = new JsonObject();
        Set<String> system = Set.of(nameField, emailField, phoneField, subjectField, messageField,
                honeypot == null ? "" : honeypot, redirectField, idempotencyField);
        fields.forEach((k, values) -> {
            if (!system.contains(k)) {
                extra.put(k, values.size() == 1 ? values.get(0) : new JsonArray(new ArrayList<>(values)));
            }
        });
        List<Attachment> attachments = new ArrayList<>();
        for (FormUpload u : request.uploads()) {
            attachments.add(new Attachment("file", null, "multipart:" + u.field(), u.contentType(), u.filename(),
                    u.size(), null, null));
        }
        if (name == null && email == null && phone == null && subject == null && message == null && extra.isEmpty()
                && attachments.isEmpty()) {
            throw RequestRejectedException.malformed("empty-form", "the form has no fields");
        }
        Contact.Builder b = request.newContact();
        b.kind(ContactKind.FORM)
                .visibility(Visibility.PRIVATE)
                .occurredAt(request.receivedAt())
                .sender(sender)
                .recipient(new Endpoint("form", channelId, null, null))
                .content(new Content(message, subject, null, attachments))
                .provider(new ProviderRef("web", null, key == null ? b.id() : key, "form"));
        if (!extra.isEmpty()) {
            b.attributes(b.attributes().withNamespace(NAMESPACE, extra));
        }
        return Intake.of(b.build());
    }

    private Map<String, List<Object>> fields(InboundRequest request) {
        String mt = request.mediaType();
        Map<String, List<Object>> out = new LinkedHashMap<>();
        if (mt.equals("application/x-www-form-urlencoded") || mt.equals("multipart/form-data")) {
            FormFields ff = request.formFields();
            for (Map.Entry<String, String> e : ff.entries()) {
                out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
            return out;
        }
        if (mt.equals("application/json") || mt.endsWith("+json")) {
            JsonObject json = request.jsonObject();
            for (String k : json.fieldNames()) {
                Object v = json.getValue(k);
                if (v == null) {
                    continue;
                }
                List<Object> values = new ArrayList<>();
                if (v instanceof JsonArray arr && arr.stream().allMatch(x -> x instanceof String)) {
                    arr.forEach(values::add);
                } else if (v instanceof String || v instanceof JsonObject || v instanceof JsonArray) {
                    values.add(v);
                } else {
                    values.add(String.valueOf(v));
                }
                out.put(k, values);
            }
            return out;
        }
        throw new RequestRejectedException(415, "unsupported-media-type",
                "use application/x-www-form-urlencoded, multipart/form-data or application/json");
    }

    private static boolean has(Map<String, List<Object>> fields, String name) {
        List<Object> v = fields.get(name);
        return v != null && v.stream().anyMatch(x -> !(x instanceof String s) || !s.isBlank());
    }

    private String text(Map<String, List<Object>> fields, String name) {
        List<Object> v = fields.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        Object first = v.get(0);
        if (!(first instanceof String s)) {
            throw RequestRejectedException.malformed("invalid-field", "field '" + name + "' must be text");
        }
        return s.isBlank() ? null : s;
    }

    @Override
    public Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted) {
        String id = accepted.get(0).storedId();
        HttpReply reply;
        String redirect = request.mediaType().equals("application/json") ? null : redirectTarget(request);
        if (redirect != null) {
            reply = HttpReply.redirect(redirect);
        } else {
            reply = HttpReply.json(202, new JsonObject().put("id", id));
        }
        String origin = origin(request);
        return Future.succeededFuture(origin == null || allowedOrigins.isEmpty() ? reply : cors(reply, origin));
    }

    private String redirectTarget(InboundRequest request) {
        String r = request.formFields().nonBlank(redirectField);
        return r == null ? null : r.strip();
    }

    private static HttpReply cors(HttpReply reply, String origin) {
        return reply.withHeader("Access-Control-Allow-Origin", origin).withHeader("Vary", "Origin");
    }
}

package io.switchboard.gateway.channel.webhook;

import io.switchboard.gateway.channel.internal.JsonFields;
import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.EmailAddress;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.ProviderUserId;
import io.switchboard.spi.contact.ThreadRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Any provider that signs its webhooks per Standard Webhooks (PROTOCOLS.md 7): verifies the signature
 * ({@link StandardWebhooks}), then builds one contact from the JSON body through the channel's declarative
 * {@link FieldMapping}. The event id is the {@code webhook-id} header unless the mapping names another, so a
 * provider's retry (same {@code webhook-id}, new timestamp and signature) is a duplicate. With {@code eventTypes}
 * configured, events of other types are acknowledged and counted ({@code filtered}), not stored. Answers 200 with
 * an empty body.
 */
final class WebhookAdapter implements ChannelAdapter {

    /** Attribute namespace for mapped attributes. */
    static final String NAMESPACE = "webhook";
    /** Longest event id kept as is; longer ones are replaced by {@code sha256:} and their digest. */
    static final int MAX_EVENT_ID = 512;
    /** Longest event type kept in the provider reference. */
    static final int MAX_EVENT_TYPE = 128;

    private final StandardWebhooks signatures;
    private final FieldMapping mapping;
    private final String provider;
    private final Set<String> eventTypes;
    private final String region;
    private final PhoneNumbers phones;

    WebhookAdapter(ChannelInitContext ctx, StandardWebhooks signatures, FieldMapping mapping) {
        this.signatures = signatures;
        this.mapping = mapping;
        this.provider = ctx.config().getString("provider");
        this.eventTypes = Set.copyOf(ctx.config().getList("eventTypes"));
        this.region = ctx.config().getString("defaultRegion");
        this.phones = ctx.phoneNumbers();
    }

    @Override
    public Set<HttpMethod> eventMethods() {
        return Set.of(HttpMethod.POST);
    }

    @Override
    public void verify(InboundRequest request) {
        signatures.verify(request);
    }

    @Override
    public Intake parse(InboundRequest request) {
        JsonObject payload = request.jsonObject();
        String type = limit(string(mapping.eventType(payload)), MAX_EVENT_TYPE);
        if (!eventTypes.isEmpty() && (type == null || !eventTypes.contains(type))) {
            return ignored("other", "filtered");
        }
        Object k = mapping.kind(payload);
        ContactKind kind = k instanceof ContactKind ck ? ck : kind(k);
        if (kind == null) {
            return ignored(label(type), "unmapped-kind");
        }
        Object v = mapping.visibility(payload);
        Visibility visibility = v instanceof Visibility vis ? vis
                : "public".equalsIgnoreCase(string(v)) ? Visibility.PUBLIC : Visibility.PRIVATE;

        Contact.Builder b = request.newContact()
                .kind(kind)
                .visibility(visibility)
                .occurredAt(instant(mapping.field(payload, "occurredAt")))
                .sender(sender(payload))
                .recipient(recipient(payload))
                .content(new Content(text(mapping.field(payload, "text")), text(mapping.field(payload, "subject")),
                        null, List.of()))
                .thread(new ThreadRef(string(mapping.field(payload, "threadId")),
                        string(mapping.field(payload, "inReplyTo")), null))
                .provider(new ProviderRef(provider, null, eventId(request, payload), type));
        JsonObject attrs = new JsonObject();
        mapping.attributes().forEach((name, pointer) -> {
            Object value = FieldMapping.query(pointer, payload);
            if (value != null) {
                attrs.put(name, value instanceof JsonObject o ? o.copy() : value instanceof JsonArray a ? a.copy() : value);
            }
        });
        if (!attrs.isEmpty()) {
            b.attributes(b.attributes().withNamespace(NAMESPACE, attrs));
        }
        return Intake.of(b.build());
    }

    private Party sender(JsonObject payload) {
        String id = string(mapping.field(payload, "sender.id"));
        Party p = new Party(id == null ? null : new ProviderUserId(provider, "global", id, Assurance.PROVIDER),
                string(mapping.field(payload, "sender.handle")), text(mapping.field(payload, "sender.name")), null, null);
        String phone = string(mapping.field(payload, "sender.phone"));
        if (phone != null) {
            p = p.withPhone(phones.normalise(phone, region, Assurance.PROVIDER));
        }
        String email = email(string(mapping.field(payload, "sender.email")));
        if (email != null) {
            p = p.withEmail(new EmailAddress(email, Assurance.PROVIDER));
        }
        return p;
    }

    private Endpoint recipient(JsonObject payload) {
        String id = string(mapping.field(payload, "recipient.id"));
        String address = string(mapping.field(payload, "recipient.address"));
        String name = text(mapping.field(payload, "recipient.name"));
        return id == null && address == null && name == null ? null
                : new Endpoint(mapping.recipientKind(), id, address, name);
    }

    private String eventId(InboundRequest request, JsonObject payload) {
        String id = string(mapping.eventId(payload));
        if (id == null) {
            id = StandardWebhooks.header(request.headers(), "id");
        }
        if (id.length() <= MAX_EVENT_ID) {
            return id;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private Intake ignored(String type, String reason) {
        return new Intake(List.of(), List.of(new Intake.Ignored(type, reason)));
    }

    /** Metric labels stay low-cardinality: a configured event type as is, anything else {@code other}. */
    private String label(String type) {
        return type != null && eventTypes.contains(type) ? type : "other";
    }

    private static ContactKind kind(Object v) {
        String s = string(v);
        if (s == null) {
            return null;
        }
        for (ContactKind k : ContactKind.values()) {
            if (k.name().equalsIgnoreCase(s.strip())) {
                return k;
            }
        }
        return null;
    }

    /** A scalar as text: strings (non-blank), whole numbers and booleans; objects, arrays and null read as absent. */
    static String string(Object v) {
        if (v instanceof String s) {
            return s.isBlank() ? null : s;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return null; // NaN, Infinity
            }
        }
        return null;
    }

    private static String text(Object v) {
        return v instanceof String s ? (s.isBlank() ? null : s) : string(v);
    }

    private static String limit(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String email(String s) {
        if (s == null) {
            return null;
        }
        String e = s.strip().toLowerCase(Locale.ROOT);
        int at = e.lastIndexOf('@');
        return at > 0 && at < e.length() - 1 && e.length() <= 320 && e.chars().noneMatch(c -> c <= ' ' || c == '<'
                || c == '>' || c == ',') ? e : null;
    }

    /** Epoch seconds or milliseconds (number or string), else ISO-8601 with an offset. */
    static Instant instant(Object v) {
        Instant i = JsonFields.instant(v);
        if (i != null || !(v instanceof String s)) {
            return i;
        }
        try {
            return OffsetDateTime.parse(s.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s.strip());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    @Override
    public Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted) {
        return Future.succeededFuture(HttpReply.empty(200));
    }
}

package io.switchboard.gateway.channel.meta;

import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.PhoneNumbers;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one Meta delivery yields, collected in payload order: the contacts (each pointing at its own part of
 * the raw payload) and the events acknowledged without a contact. Used on one event loop only.
 */
final class MetaBatch {

    /** Provider name in provider refs and user ids. */
    static final String PROVIDER = "meta";
    /** Attribute namespace. */
    static final String NAMESPACE = "meta";

    private static final Pattern EVENT_TYPE = Pattern.compile("^[a-z][a-z0-9_]{0,47}$");

    final InboundRequest request;
    final PhoneNumbers phones;
    private final List<Contact> contacts = new ArrayList<>();
    private final List<Intake.Ignored> ignored = new ArrayList<>();

    MetaBatch(InboundRequest request, PhoneNumbers phones) {
        this.request = request;
        this.phones = phones;
    }

    /**
     * @param pointer the JSON Pointer of the contact's part of the payload
     * @return a contact builder pointing at that part
     */
    Contact.Builder newContact(String pointer) {
        return request.newContact().raw(request.rawRef().at(pointer));
    }

    /**
     * Builds and adds a contact, with the {@code meta} attributes when there are any.
     *
     * @param builder the builder
     * @param attrs   the attributes for the {@code meta} namespace
     */
    void add(Contact.Builder builder, JsonObject attrs) {
        if (!attrs.isEmpty()) {
            builder.attributes(builder.attributes().withNamespace(NAMESPACE, attrs));
        }
        contacts.add(builder.build());
    }

    /**
     * @param eventType the event type (a Meta webhook field name)
     * @param reason    why it is not a contact
     */
    void ignore(String eventType, String reason) {
        ignored.add(new Intake.Ignored(eventType(eventType), reason));
    }

    /** @return the intake */
    Intake intake() {
        return new Intake(contacts, ignored);
    }

    /**
     * Keeps metric labels low-cardinality: a provider field name as it is when it looks like one, else
     * {@code unknown}.
     */
    static String eventType(String name) {
        return name != null && EVENT_TYPE.matcher(name).matches() ? name : "unknown";
    }

    static void putIf(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}

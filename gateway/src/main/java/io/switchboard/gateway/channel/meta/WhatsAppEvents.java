package io.switchboard.gateway.channel.meta;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Attachment;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.PhoneNumber;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.ThreadRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.switchboard.gateway.channel.internal.JsonFields.arr;
import static io.switchboard.gateway.channel.internal.JsonFields.bool;
import static io.switchboard.gateway.channel.internal.JsonFields.instant;
import static io.switchboard.gateway.channel.internal.JsonFields.obj;
import static io.switchboard.gateway.channel.internal.JsonFields.str;
import static io.switchboard.gateway.channel.internal.JsonFields.text;
import static io.switchboard.gateway.channel.meta.MetaBatch.firstNonNull;
import static io.switchboard.gateway.channel.meta.MetaBatch.putIf;

/**
 * WhatsApp Cloud API notifications, {@code object=whatsapp_business_account} (PROTOCOLS.md 2.7).
 *
 * <ul>
 *   <li>{@code value.messages[]} → MESSAGE, PRIVATE; event id = the message id (wamid); sender phone from
 *       {@code from} (E.164, {@link Assurance#PROVIDER}), name from {@code contacts[].profile.name}; recipient
 *       the business number ({@code metadata.phone_number_id}, {@code display_phone_number}). Text from
 *       {@code text.body}, media captions, interactive and button reply titles, reaction emoji and system
 *       message bodies; media as attachments carrying the media id, MIME type and SHA-256 (WhatsApp gives no
 *       URL). Other types (contacts, order, unsupported, …) are kept with no text; the raw payload has
 *       everything.</li>
 *   <li>{@code value.statuses[]} → STATUS, event id {@code <wamid>:<status>}; the customer
 *       ({@code recipient_id}) as sender, the status, conversation, pricing and errors in attributes.</li>
 *   <li>Other fields ({@code account_update}, template updates, …) are ignored ({@code unsupported}).</li>
 * </ul>
 */
final class WhatsAppEvents {

    private static final Pattern STATUS = Pattern.compile("^[a-z_]{1,32}$");

    private WhatsAppEvents() {
    }

    /**
     * @param entry   one {@code entry[]} element
     * @param pointer its JSON Pointer
     * @param out     where to collect
     */
    static void parse(JsonObject entry, String pointer, MetaBatch out) {
        Object v = entry.getValue("changes");
        if (!(v instanceof JsonArray changes)) {
            out.ignore("changes", "malformed");
            return;
        }
        String waba = str(entry, "id");
        for (int k = 0; k < changes.size(); k++) {
            JsonObject change = obj(changes, k);
            String field = str(change, "field");
            JsonObject value = obj(change, "value");
            String p = pointer + "/changes/" + k + "/value";
            if (field == null || !field.equals("messages")) {
                out.ignore(field == null ? "changes" : field, field == null ? "malformed" : "unsupported");
            } else if (value == null) {
                out.ignore("messages", "malformed");
            } else {
                value(waba, value, p, out);
            }
        }
    }

    private static void value(String waba, JsonObject value, String pointer, MetaBatch out) {
        JsonObject metadata = obj(value, "metadata");
        String phoneNumberId = str(metadata, "phone_number_id");
        String display = str(metadata, "display_phone_number");
        Endpoint business = null;
        if (phoneNumberId != null || display != null) {
            String address = display == null ? null
                    : firstNonNull(out.phones.normalise(display, null, Assurance.PROVIDER).e164(), display);
            business = new Endpoint("phone", phoneNumberId, address, null);
        }
        JsonArray contacts = arr(value, "contacts");
        JsonArray messages = arr(value, "messages");
        JsonArray statuses = arr(value, "statuses");
        if (messages != null) {
            for (int m = 0; m < messages.size(); m++) {
                message(waba, business, contacts, obj(messages, m), pointer + "/messages/" + m, out);
            }
        }
        if (statuses != null) {
            for (int s = 0; s < statuses.size(); s++) {
                status(waba, business, obj(statuses, s), pointer + "/statuses/" + s, out);
            }
        }
        JsonArray errors = arr(value, "errors");
        if (errors != null) {
            for (int i = 0; i < Math.max(1, errors.size()); i++) {
                out.ignore("errors", "unsupported");
            }
        }
        if (messages == null && statuses == null && errors == null) {
            out.ignore("messages", "unsupported");
        }
    }

    private static void message(String waba, Endpoint business, JsonArray contacts, JsonObject m, String pointer,
                                MetaBatch out) {
        String id = str(m, "id");
        if (id == null) {
            out.ignore("messages", "malformed");
            return;
        }
        String from = str(m, "from");
        JsonObject contact = contactFor(contacts, from);
        String phoneRaw = firstNonNull(from, str(contact, "wa_id"));
        Party sender = Party.UNKNOWN.withDisplayName(text(obj(contact, "profile"), "name"));
        if (phoneRaw != null) {
            sender = sender.withPhone(out.phones.normalise(phoneRaw, null, Assurance.PROVIDER));
        }
        String type = str(m, "type");
        JsonObject attrs = new JsonObject().put("platform", "whatsapp");
        putIf(attrs, "type", type == null ? null : MetaBatch.eventType(type));

        String text = null;
        String inReplyTo = str(obj(m, "context"), "id");
        List<Attachment> attachments = new ArrayList<>();
        if (type != null) {
            JsonObject body = obj(m, type);
            switch (type) {
                case "text" -> text = text(body, "body");
                case "image", "video", "audio", "document", "sticker" -> {
                    if (body != null) {
                        String caption = text(body, "caption");
                        attachments.add(new Attachment(type.equals("document") ? "file" : type, str(body, "url"),
                                str(body, "id"), str(body, "mime_type"), text(body, "filename"), null,
                                str(body, "sha256"), caption));
                        text = caption;
                        if (Boolean.TRUE.equals(bool(body, "voice"))) {
                            attrs.put("voice", true);
                        }
                    }
                }
                case "interactive" -> {
                    JsonObject reply = firstNonNull(obj(body, "button_reply"), obj(body, "list_reply"));
                    if (reply != null) {
                        text = text(reply, "title");
                        putIf(attrs, "replyId", text(reply, "id"));
                    } else {
                        text = text(obj(body, "nfm_reply"), "body");
                    }
                }
                case "button" -> {
                    text = text(body, "text");
                    putIf(attrs, "buttonPayload", text(body, "payload"));
                }
                case "location" -> {
                    Attachment a = location(body);
                    if (a != null) {
                        attachments.add(a);
                    }
                }
                case "reaction" -> {
                    text = text(body, "emoji");
                    inReplyTo = firstNonNull(str(body, "message_id"), inReplyTo);
                }
                case "system" -> text = text(body, "body");
                default -> {
                    // contacts, order, unsupported, request_welcome, ...: kept without text; raw has it all.
                }
            }
        }
        JsonObject context = obj(m, "context");
        if (Boolean.TRUE.equals(bool(context, "forwarded")) || Boolean.TRUE.equals(bool(context, "frequently_forwarded"))) {
            attrs.put("forwarded", true);
        }
        JsonArray errors = arr(m, "errors");
        if (errors != null) {
            attrs.put("errors", errors.copy());
        }
        Contact.Builder b = out.newContact(pointer)
                .kind(ContactKind.MESSAGE)
                .visibility(Visibility.PRIVATE)
                .occurredAt(instant(m.getValue("timestamp")))
                .sender(sender)
                .recipient(business)
                .content(new Content(text, null, null, attachments))
                .thread(new ThreadRef(null, inReplyTo, null))
                .provider(new ProviderRef(MetaBatch.PROVIDER, waba, id, "messages"));
        out.add(b, attrs);
    }

    private static void status(String waba, Endpoint business, JsonObject s, String pointer, MetaBatch out) {
        String id = str(s, "id");
        String status = str(s, "status");
        if (id == null || status == null || !STATUS.matcher(status).matches()) {
            out.ignore("statuses", "malformed");
            return;
        }
        String recipient = str(s, "recipient_id");
        Party customer = Party.UNKNOWN;
        if (recipient != null) {
            PhoneNumber phone = out.phones.normalise(recipient, null, Assurance.PROVIDER);
            customer = customer.withPhone(phone);
        }
        JsonObject conversation = obj(s, "conversation");
        JsonObject pricing = obj(s, "pricing");
        JsonObject attrs = new JsonObject().put("platform", "whatsapp").put("status", status);
        putIf(attrs, "conversationOrigin", str(obj(conversation, "origin"), "type"));
        putIf(attrs, "pricingCategory", str(pricing, "category"));
        putIf(attrs, "billable", bool(pricing, "billable"));
        JsonArray errors = arr(s, "errors");
        if (errors != null) {
            attrs.put("errors", errors.copy());
        }
        Contact.Builder b = out.newContact(pointer)
                .kind(ContactKind.STATUS)
                .visibility(Visibility.PRIVATE)
                .occurredAt(instant(s.getValue("timestamp")))
                .sender(customer)
                .recipient(business)
                .thread(new ThreadRef(str(conversation, "id"), id, null))
                .provider(new ProviderRef(MetaBatch.PROVIDER, waba, id + ":" + status, "statuses"));
        out.add(b, attrs);
    }

    /** The {@code contacts[]} element for the sender: the one with its wa_id, else the only one. */
    private static JsonObject contactFor(JsonArray contacts, String from) {
        if (contacts == null) {
            return null;
        }
        for (int i = 0; i < contacts.size(); i++) {
            JsonObject c = obj(contacts, i);
            if (from != null && from.equals(str(c, "wa_id"))) {
                return c;
            }
        }
        return contacts.size() == 1 ? obj(contacts, 0) : null;
    }

    private static Attachment location(JsonObject loc) {
        if (loc == null) {
            return null;
        }
        Object lat = loc.getValue("latitude");
        Object lon = loc.getValue("longitude");
        String geo = lat instanceof Number && lon instanceof Number
                ? "geo:" + new BigDecimal(lat.toString()).toPlainString() + "," + new BigDecimal(lon.toString()).toPlainString()
                : null;
        String name = text(loc, "name");
        String address = text(loc, "address");
        String caption = name == null ? address : address == null ? name : name + ", " + address;
        if (geo == null && caption == null) {
            return null;
        }
        return new Attachment("location", geo, null, null, null, null, null, caption);
    }
}

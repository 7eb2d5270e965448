package io.switchboard.gateway.channel.vonage;

import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Attachment;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.ProviderUserId;
import io.switchboard.spi.contact.ThreadRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.switchboard.gateway.channel.internal.JsonFields.obj;
import static io.switchboard.gateway.channel.internal.JsonFields.str;
import static io.switchboard.gateway.channel.internal.JsonFields.text;
import static io.switchboard.gateway.channel.vonage.Vonage.firstNonNull;
import static io.switchboard.gateway.channel.vonage.Vonage.putIf;

/**
 * Speaks the Vonage Messages API's webhooks (PROTOCOLS.md 4.1, 4.2): the inbound-message and message-status
 * URLs of an application may both point at this channel. Every request must carry Vonage's signed JWT.
 *
 * <ul>
 *   <li>Inbound messages (a {@code message_uuid} and no {@code status}) on {@code sms}, {@code mms},
 *       {@code whatsapp}, {@code messenger}, {@code viber_service}, {@code rcs} (and channels added later):
 *       MESSAGE, PRIVATE; event id = {@code message_uuid}. Senders on phone channels get their number in
 *       E.164 ({@link Assurance#PROVIDER}; a number the metadata does not know is kept, never dropped);
 *       Messenger senders their page-scoped id, keyed like the {@code meta} channel's
 *       ({@code meta:<page id>:<psid>}). Text, media captions, reply and button titles, reaction emoji; media
 *       (image, audio, video, file, vCard, sticker) as URL references; location as a {@code geo:} reference;
 *       the WhatsApp reply context as {@code thread.inReplyTo}.</li>
 *   <li>Message statuses ({@code status} present): STATUS, event id {@code <message_uuid>:<status>}; the
 *       customer ({@code to}) as sender, status, error and channel in attributes.</li>
 * </ul>
 * Both the current webhook format ({@code from} and {@code to} strings, {@code channel}, {@code message_type})
 * and the older v0.1 one ({@code from}/{@code to} objects with {@code type} and {@code number} or {@code id},
 * content under {@code message.content}) are read. Answers 200 with an empty body; a request without any
 * {@code Authorization} header gets 429 so that Vonage retries it (see {@link #verify}).
 */
final class VonageMessagesAdapter implements ChannelAdapter {

    static final Set<String> PHONE_CHANNELS = Set.of("sms", "mms", "whatsapp", "viber_service", "rcs");
    private static final Set<String> MEDIA = Set.of("image", "audio", "video", "file", "vcard", "sticker");
    private static final Pattern DIGITS = Pattern.compile("^\\+?[0-9]{5,16}$");

    private final VonageSignatures signatures;
    private final PhoneNumbers phones;

    VonageMessagesAdapter(ChannelInitContext ctx) {
        this.signatures = VonageSignatures.from(ctx);
        this.phones = ctx.phoneNumbers();
    }

    /**
     * Verifies the signed JWT. A request with no {@code Authorization} header at all gets 429 rather than 401:
     * Vonage documents that an internal error may make it send a Messages callback unsigned, and retries on
     * 429 and 5xx (not on 401), so the message arrives again, signed, instead of being lost.
     */
    @Override
    public void verify(InboundRequest request) {
        signatures.verify(request, true);
    }

    @Override
    public Intake parse(InboundRequest request) {
        JsonObject p = request.jsonObject();
        String uuid = str(p, "message_uuid");
        if (uuid == null) {
            throw RequestRejectedException.malformed("missing-field", "'message_uuid' must be a string");
        }
        String account = VonageSignatures.apiKey(request);
        Address from = address(p.getValue("from"));
        Address to = address(p.getValue("to"));
        String channel = firstNonNull(str(p, "channel"), from.type, to.type);
        channel = channel == null ? null : Vonage.token(channel);
        if (p.getValue("status") != null) {
            return Intake.of(status(request, p, uuid, channel, from, to, account));
        }
        return Intake.of(inbound(request, p, uuid, channel, from, to, account));
    }

    private Contact inbound(InboundRequest request, JsonObject p, String uuid, String channel, Address from,
                            Address to, String account) {
        // v0.1 puts the content under message.content; the current format at the top level.
        JsonObject content = firstNonNull(obj(obj(p, "message"), "content"), p);
        String type = str(content, "message_type") != null ? str(content, "message_type")
                : firstNonNull(str(p, "message_type"), str(content, "type"));
        String text = text(content, "text");
        List<Attachment> attachments = new ArrayList<>();
        if (type != null && MEDIA.contains(type)) {
            JsonObject media = obj(content, type);
            if (media != null) {
                String caption = text(media, "caption");
                attachments.add(new Attachment(switch (type) {
                    case "vcard" -> "file";
                    default -> type;
                }, str(media, "url"), null, type.equals("vcard") ? "text/vcard" : null, text(media, "name"), null,
                        null, caption));
                text = firstNonNull(text, caption);
            }
        }
        JsonObject attrs = new JsonObject();
        putIf(attrs, "channel", channel);
        putIf(attrs, "messageType", type == null ? null : Vonage.token(type));
        JsonObject reply = obj(content, "reply");
        if (reply != null) {
            text = firstNonNull(text, text(reply, "title"));
            putIf(attrs, "replyId", text(reply, "id"));
        }
        JsonObject button = obj(content, "button");
        if (button != null) {
            text = firstNonNull(text, text(button, "text"));
            putIf(attrs, "buttonPayload", text(button, "payload"));
        }
        JsonObject reaction = obj(content, "reaction");
        if (reaction != null) {
            text = firstNonNull(text, text(reaction, "emoji"));
            putIf(attrs, "reactionAction", str(reaction, "action"));
        }
        Attachment location = location(obj(content, "location"));
        if (location != null) {
            attachments.add(location);
        }
        putIf(attrs, "clientRef", text(p, "client_ref"));
        JsonObject sms = obj(p, "sms");
        putIf(attrs, "keyword", text(sms, "keyword"));
        putIf(attrs, "numMessages", str(sms, "num_messages"));
        putIf(attrs, "contextStatus", str(p, "context_status"));
        JsonObject context = obj(p, "context");
        String inReplyTo = str(context, "message_uuid");

        Party sender = sender(channel, from.id, to.id);
        String name = text(obj(p, "profile"), "name");
        if (name != null) {
            sender = sender.withDisplayName(name);
        }
        Contact.Builder b = request.newContact()
                .kind(ContactKind.MESSAGE)
                .visibility(Visibility.PRIVATE)
                .occurredAt(VonageTimestamps.parse(p.getValue("timestamp")))
                .sender(sender)
                .recipient(business(channel, to.id))
                .content(new Content(text, null, null, attachments))
                .thread(new ThreadRef(null, inReplyTo, null))
                .provider(new ProviderRef(Vonage.PROVIDER, account, uuid, "inbound"));
        return Vonage.withAttributes(b, attrs).build();
    }

    private Contact status(InboundRequest request, JsonObject p, String uuid, String channel, Address from,
                           Address to, String account) {
        String status = str(p, "status");
        if (status == null || Vonage.token(status).equals("unknown")) {
            throw RequestRejectedException.malformed("invalid-field", "'status' must be a Vonage status name");
        }
        JsonObject attrs = new JsonObject().put("status", status);
        putIf(attrs, "channel", channel);
        putIf(attrs, "clientRef", text(p, "client_ref"));
        JsonObject error = obj(p, "error");
        if (error != null) {
            attrs.put("error", error.copy());
        }
        putIf(attrs, "networkCode", str(obj(p, "destination"), "network_code"));
        JsonObject conversation = obj(obj(p, "whatsapp"), "conversation");
        putIf(attrs, "conversationOrigin", str(obj(conversation, "origin"), "type"));
        Contact.Builder b = request.newContact()
                .kind(ContactKind.STATUS)
                .visibility(Visibility.PRIVATE)
                .occurredAt(VonageTimestamps.parse(p.getValue("timestamp")))
                .sender(sender(channel, to.id, from.id))
                .recipient(business(channel, from.id))
                .thread(new ThreadRef(str(conversation, "id"), uuid, null))
                .provider(new ProviderRef(Vonage.PROVIDER, account, uuid + ":" + status, "status"));
        return Vonage.withAttributes(b, attrs).build();
    }

    /** The customer: a phone on phone channels, a page-scoped id on Messenger, a user id elsewhere. */
    private Party sender(String channel, String id, String business) {
        if (id == null) {
            return Party.UNKNOWN;
        }
        if ("messenger".equals(channel)) {
            return Party.UNKNOWN.withUserId(new ProviderUserId("meta", business == null ? "messenger" : business, id,
                    Assurance.PROVIDER));
        }
        if ((channel != null && PHONE_CHANNELS.contains(channel)) || DIGITS.matcher(id).matches()) {
            return Party.UNKNOWN.withPhone(Vonage.phone(phones, id));
        }
        return Party.UNKNOWN.withUserId(new ProviderUserId(Vonage.PROVIDER, channel == null ? "unknown" : channel, id,
                Assurance.PROVIDER));
    }

    /** The business endpoint: its number on SMS, MMS and WhatsApp, its page on Messenger, its id elsewhere. */
    private Endpoint business(String channel, String id) {
        if (id == null) {
            return null;
        }
        if ("messenger".equals(channel)) {
            return new Endpoint("page", id, null, null);
        }
        if (("sms".equals(channel) || "mms".equals(channel) || "whatsapp".equals(channel) || channel == null)
                && DIGITS.matcher(id).matches()) {
            return Vonage.phoneEndpoint(phones, id);
        }
        return new Endpoint("account", id, null, null);
    }

    private static Attachment location(JsonObject loc) {
        if (loc == null) {
            return null;
        }
        Object lat = loc.getValue("lat");
        Object lon = loc.getValue("long");
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

    /** A {@code from}/{@code to}: a string (current format) or a v0.1 object with a type and a number or id. */
    private record Address(String type, String id) {
    }

    private static Address address(Object v) {
        if (v instanceof JsonObject o) {
            return new Address(str(o, "type"), firstNonNull(str(o, "number"), str(o, "id")));
        }
        if (v instanceof String s && !s.isBlank()) {
            return new Address(null, s);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
            return new Address(null, v.toString());
        }
        return new Address(null, null);
    }

    @Override
    public Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted) {
        return Future.succeededFuture(HttpReply.empty(200));
    }
}

package io.switchboard.gateway.channel.twilio;

import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.channel.FormFields;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.contact.Attachment;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.ThreadRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static io.switchboard.gateway.channel.twilio.TwilioRequests.PROVIDER;
import static io.switchboard.gateway.channel.twilio.TwilioRequests.putIf;

/**
 * Speaks Twilio Messaging webhooks (PROTOCOLS.md 3.4): SMS, MMS and WhatsApp through Twilio, form-encoded,
 * signed with {@code X-Twilio-Signature}. Answers every verified request with an empty {@code <Response/>}
 * ({@code text/xml}), also retries and requests acknowledged without a contact.
 *
 * <ul>
 *   <li>An incoming message ({@code MessageSid}, no status or {@code SmsStatus=received}) → MESSAGE, PRIVATE;
 *       event id = {@code MessageSid}. Sender from {@code From} ({@code whatsapp:} and other channel prefixes
 *       stripped, national numbers read in {@code FromCountry}, else {@code defaultRegion}), display name from
 *       {@code ProfileName} (WhatsApp); recipient the business number {@code To}. Text from {@code Body};
 *       {@code MediaUrl<N>}/{@code MediaContentType<N>} as attachment references (the gateway does not download
 *       them); a shared WhatsApp location as a {@code location} attachment.</li>
 *   <li>A status callback of an outbound message ({@code MessageStatus} other than {@code received}) → STATUS;
 *       event id = {@code <MessageSid>:<status>}, so each status is stored once.</li>
 *   <li>Anything else (no message sid; a signed JSON body) is acknowledged and counted, not stored.</li>
 * </ul>
 */
final class TwilioMessagingAdapter implements ChannelAdapter {

    static final String MESSAGE = "message";
    static final String MESSAGE_STATUS = "message_status";
    /** Twilio sends at most 10 media per message; more indices than this are not read. */
    private static final int MAX_MEDIA = 20;
    private static final Set<String> INBOUND = Set.of("received", "receiving");
    private static final Pattern MEDIA_SID = Pattern.compile("^ME[0-9a-fA-F]{32}$");
    private static final Pattern DEGREES = Pattern.compile("^[+-]?[0-9]{1,3}(\\.[0-9]{1,15})?$");
    private static final Pattern MIME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,127}$");

    private final byte[] authToken;
    private final String defaultRegion;
    private final PhoneNumbers phones;

    TwilioMessagingAdapter(ChannelInitContext ctx) {
        this.authToken = ctx.config().getString("authToken").getBytes(StandardCharsets.UTF_8);
        this.defaultRegion = ctx.config().getString("defaultRegion");
        this.phones = ctx.phoneNumbers();
    }

    /** Twilio posts by default; a webhook may be configured to use GET. */
    @Override
    public Set<HttpMethod> eventMethods() {
        return Set.of(HttpMethod.POST, HttpMethod.GET);
    }

    @Override
    public void verify(InboundRequest request) {
        TwilioRequests.verify(request, authToken);
    }

    @Override
    public Intake parse(InboundRequest request) {
        if (TwilioRequests.isJsonBody(request)) {
            return ignored(TwilioRequests.JSON_CALLBACK, "unsupported");
        }
        FormFields f = TwilioRequests.params(request);
        String sid = TwilioRequests.sid(f, "MessageSid");
        if (sid == null) {
            sid = TwilioRequests.sid(f, "SmsMessageSid");
        }
        if (sid == null) {
            sid = TwilioRequests.sid(f, "SmsSid");
        }
        if (sid == null) {
            boolean claimed = f.nonBlank("MessageSid") != null || f.nonBlank("SmsMessageSid") != null
                    || f.nonBlank("SmsSid") != null;
            return claimed ? ignored(MESSAGE, "malformed") : ignored("unknown", "unsupported");
        }
        String status = TwilioRequests.status(f, "MessageStatus");
        if (status == null) {
            status = TwilioRequests.status(f, "SmsStatus");
        }
        Contact c = status == null || INBOUND.contains(status)
                ? message(request, f, sid)
                : status(request, f, sid, status);
        return Intake.of(c);
    }

    private Contact message(InboundRequest request, FormFields f, String sid) {
        String from = f.nonBlank("From");
        String to = f.nonBlank("To");
        String scheme = TwilioRequests.scheme(from);
        Party sender = TwilioRequests.party(phones, from, TwilioRequests.region(f, "From", defaultRegion));
        String profileName = f.nonBlank("ProfileName");
        if (profileName != null) {
            sender = sender.withDisplayName(profileName);
        }
        List<Attachment> attachments = media(f);
        Attachment location = location(f);
        if (location != null) {
            attachments.add(location);
        }
        JsonObject attrs = new JsonObject();
        attrs.put("platform", scheme != null ? scheme : attachments.isEmpty() ? "sms" : "mms");
        putIf(attrs, "numMedia", TwilioRequests.count(f, "NumMedia"));
        putIf(attrs, "numSegments", TwilioRequests.count(f, "NumSegments"));
        putIf(attrs, "messagingServiceSid", TwilioRequests.sid(f, "MessagingServiceSid"));
        putIf(attrs, "waId", f.nonBlank("WaId"));
        putIf(attrs, "messageType", TwilioRequests.status(f, "MessageType"));
        putIf(attrs, "buttonText", f.nonBlank("ButtonText"));
        putIf(attrs, "buttonPayload", f.nonBlank("ButtonPayload"));
        if ("true".equalsIgnoreCase(f.nonBlank("Forwarded"))) {
            attrs.put("forwarded", true);
        }
        if ("true".equalsIgnoreCase(f.nonBlank("FrequentlyForwarded"))) {
            attrs.put("frequentlyForwarded", true);
        }
        TwilioRequests.geo(f, attrs);
        String body = f.get("Body");
        Contact.Builder b = request.newContact()
                .kind(ContactKind.MESSAGE)
                .visibility(Visibility.PRIVATE)
                .sender(sender)
                .recipient(TwilioRequests.endpoint(phones, to, TwilioRequests.region(f, "To", defaultRegion)))
                .content(new Content(body == null || body.isEmpty() ? null : body, null, null, attachments))
                .thread(new ThreadRef(null, TwilioRequests.sid(f, "OriginalRepliedMessageSid"), null))
                .provider(new ProviderRef(PROVIDER, TwilioRequests.sid(f, "AccountSid"), sid, MESSAGE));
        return b.attributes(b.attributes().withNamespace(TwilioRequests.NAMESPACE, attrs)).build();
    }

    /** A status callback of a message the business sent: the customer is {@code To}. */
    private Contact status(InboundRequest request, FormFields f, String sid, String status) {
        JsonObject attrs = new JsonObject().put("status", status);
        String scheme = TwilioRequests.scheme(f.nonBlank("To"));
        attrs.put("platform", scheme != null ? scheme : "sms");
        putIf(attrs, "errorCode", TwilioRequests.count(f, "ErrorCode"));
        putIf(attrs, "messagingServiceSid", TwilioRequests.sid(f, "MessagingServiceSid"));
        Contact.Builder b = request.newContact()
                .kind(ContactKind.STATUS)
                .visibility(Visibility.PRIVATE)
                .sender(TwilioRequests.party(phones, f.nonBlank("To"), TwilioRequests.region(f, "To", defaultRegion)))
                .recipient(TwilioRequests.endpoint(phones, f.nonBlank("From"),
                        TwilioRequests.region(f, "From", defaultRegion)))
                .thread(new ThreadRef(null, sid, null))
                .provider(new ProviderRef(PROVIDER, TwilioRequests.sid(f, "AccountSid"), sid + ":" + status,
                        MESSAGE_STATUS));
        return b.attributes(b.attributes().withNamespace(TwilioRequests.NAMESPACE, attrs)).build();
    }

    /** {@code MediaUrl0…}, with {@code MediaContentType<N>}; indices beyond {@code NumMedia} are read too. */
    private static List<Attachment> media(FormFields f) {
        List<Attachment> out = new ArrayList<>();
        Integer declared = TwilioRequests.count(f, "NumMedia");
        int n = Math.min(MAX_MEDIA, Math.max(declared == null ? 0 : declared, 10));
        for (int i = 0; i < n; i++) {
            String url = f.nonBlank("MediaUrl" + i);
            if (url == null) {
                continue;
            }
            url = url.strip();
            String type = f.nonBlank("MediaContentType" + i);
            type = type != null && MIME.matcher(type.strip()).matches() ? type.strip().toLowerCase(Locale.ROOT) : null;
            String last = url.substring(url.lastIndexOf('/') + 1);
            out.add(new Attachment(kind(type), url, MEDIA_SID.matcher(last).matches() ? last : null, type, null, null,
                    null, null));
        }
        return out;
    }

    private static String kind(String contentType) {
        if (contentType == null) {
            return "file";
        }
        if (contentType.startsWith("image/")) {
            return "image";
        }
        if (contentType.startsWith("video/")) {
            return "video";
        }
        if (contentType.startsWith("audio/")) {
            return "audio";
        }
        return "file";
    }

    /** A WhatsApp location ({@code Latitude}, {@code Longitude}, {@code Label}, {@code Address}). */
    private static Attachment location(FormFields f) {
        BigDecimal lat = decimal(f.nonBlank("Latitude"), 90);
        BigDecimal lon = decimal(f.nonBlank("Longitude"), 180);
        String label = f.nonBlank("Label");
        String address = f.nonBlank("Address");
        String caption = label == null ? address : address == null ? label : label + ", " + address;
        if (lat == null || lon == null) {
            return null;
        }
        return new Attachment("location", "geo:" + lat.toPlainString() + "," + lon.toPlainString(), null, null, null,
                null, null, caption);
    }

    private static BigDecimal decimal(String s, int limit) {
        if (s == null || !DEGREES.matcher(s.strip()).matches()) {
            return null;
        }
        BigDecimal d = new BigDecimal(s.strip());
        return d.abs().compareTo(BigDecimal.valueOf(limit)) <= 0 ? d : null;
    }

    private static Intake ignored(String type, String reason) {
        return new Intake(List.of(), List.of(new Intake.Ignored(type, reason)));
    }

    @Override
    public Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted) {
        return Future.succeededFuture(TwilioRequests.emptyResponse());
    }
}

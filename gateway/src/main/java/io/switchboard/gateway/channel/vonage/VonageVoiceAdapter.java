package io.switchboard.gateway.channel.vonage;

import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.channel.FormFields;
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
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.switchboard.gateway.channel.internal.JsonFields.obj;
import static io.switchboard.gateway.channel.internal.JsonFields.str;
import static io.switchboard.gateway.channel.internal.JsonFields.text;
import static io.switchboard.gateway.channel.vonage.Vonage.firstNonNull;
import static io.switchboard.gateway.channel.vonage.Vonage.putIf;

/**
 * Speaks the Vonage Voice API's webhooks (PROTOCOLS.md 4.1, 4.2) on one channel URL, used as both the
 * application's answer URL and its event URL. Every request must carry Vonage's signed JWT (enable
 * {@code signed_callbacks} on the application).
 *
 * <ul>
 *   <li>Answer webhook (GET with query parameters, Vonage's default, or POST JSON): a payload with the call's
 *       {@code uuid} and {@code to}/{@code from}/{@code from_user} but no {@code status}. Becomes a CALL,
 *       PRIVATE; event id = the leg's {@code uuid}; the answer is the configured NCCO
 *       ({@code application/json}).</li>
 *   <li>Call status events ({@code status} one of {@link #CALL_STATUSES}): STATUS, event id
 *       {@code <uuid>:<status>}: each status happens once per leg, so distinct events get distinct ids and a
 *       retry the same id. Other status values are acknowledged and counted ({@code unsupported}).</li>
 *   <li>Recording events ({@code recording_url}/{@code recording_uuid}): VOICEMAIL with the recording as an
 *       attachment reference; event id = {@code recording_uuid}.</li>
 *   <li>Input (DTMF/speech), transfer and other events: acknowledged and counted, not stored.</li>
 * </ul>
 * Everything but the answer is answered {@code 200} with an empty body: an event URL's answer can change the
 * call's flow for some events, and this channel never wants that.
 */
final class VonageVoiceAdapter implements ChannelAdapter {

    /** The call status values of Vonage's event webhook reference; each occurs at most once per call leg. */
    static final Set<String> CALL_STATUSES = Set.of("started", "ringing", "answered", "completed", "busy", "failed",
            "rejected", "unanswered", "timeout", "cancelled", "machine", "human");

    private static final Pattern NUMBER = Pattern.compile("^\\+?[0-9][0-9 ()-]{3,30}$");
    private static final Pattern DIGITS = Pattern.compile("^[0-9]{1,18}$");
    private static final List<String> SCALAR_EVENT_FIELDS = List.of("detail", "sub_state", "sip_code", "duration",
            "start_time", "end_time", "rate", "price", "network", "disconnected_by", "reason");

    private final VonageSignatures signatures;
    private final PhoneNumbers phones;
    private final JsonArray ncco;

    VonageVoiceAdapter(ChannelInitContext ctx) {
        this.signatures = VonageSignatures.from(ctx);
        this.phones = ctx.phoneNumbers();
        this.ncco = ctx.config().getArray("ncco");
    }

    /** GET is Vonage's default answer method; events are POST unless the application says otherwise. */
    @Override
    public Set<HttpMethod> eventMethods() {
        return Set.of(HttpMethod.GET, HttpMethod.POST);
    }

    @Override
    public void verify(InboundRequest request) {
        signatures.verify(request, false);
    }

    @Override
    public Intake parse(InboundRequest request) {
        JsonObject p = payload(request);
        String account = VonageSignatures.apiKey(request);
        if (p.getValue("status") != null) {
            return status(request, p, account);
        }
        if (p.getValue("recording_url") != null || p.getValue("recording_uuid") != null) {
            return recording(request, p, account);
        }
        if (p.getValue("dtmf") != null || p.getValue("speech") != null) {
            return ignored("input", "unsupported");
        }
        if ("transfer".equals(p.getValue("type"))) {
            return ignored("transfer", "unsupported");
        }
        if (firstNonNull(str(p, "uuid"), str(p, "call_uuid")) != null
                && (str(p, "from") != null || str(p, "from_user") != null || str(p, "to") != null)
                && p.getValue("reason") == null) {
            return answer(request, p, account);
        }
        return ignored("unknown", "unsupported");
    }

    /** The webhook's fields: the query parameters of a body-less GET (first value of each), else the JSON body. */
    private static JsonObject payload(InboundRequest request) {
        if (request.method() == HttpMethod.GET && request.body().length() == 0) {
            JsonObject o = new JsonObject();
            FormFields q = request.queryParams();
            for (String name : q.names()) {
                o.put(name, q.get(name));
            }
            return o;
        }
        return request.jsonObject();
    }

    private Intake answer(InboundRequest request, JsonObject p, String account) {
        String uuid = firstNonNull(str(p, "uuid"), str(p, "call_uuid"));
        String endpointType = str(p, "endpoint_type");
        JsonObject attrs = new JsonObject();
        putIf(attrs, "endpointType", endpointType == null ? null : Vonage.token(endpointType));
        putIf(attrs, "regionUrl", str(p, "region_url"));
        Object custom = p.getValue("custom_data");
        if (custom instanceof String || custom instanceof JsonObject) {
            attrs.put("customData", custom instanceof JsonObject o ? o.copy() : custom);
        }
        JsonObject sip = new JsonObject();
        for (Map.Entry<String, Object> e : p) {
            if (e.getKey().startsWith("SipHeader_") && e.getValue() instanceof String v) {
                sip.put(e.getKey().substring("SipHeader_".length()), v);
            }
        }
        if (!sip.isEmpty()) {
            attrs.put("sipHeaders", sip);
        }
        Contact.Builder b = request.newContact()
                .kind(ContactKind.CALL)
                .visibility(Visibility.PRIVATE)
                .sender(caller(str(p, "from"), str(p, "from_user")))
                .recipient(business(str(p, "to")))
                .thread(new ThreadRef(str(p, "conversation_uuid"), null, null))
                .provider(new ProviderRef(Vonage.PROVIDER, account, uuid, "answer"));
        return Intake.of(Vonage.withAttributes(b, attrs).build());
    }

    private Intake status(InboundRequest request, JsonObject p, String account) {
        String status = str(p, "status");
        if (status == null || !CALL_STATUSES.contains(status)) {
            return ignored("status", "unsupported");
        }
        String uuid = firstNonNull(str(p, "uuid"), str(p, "call_uuid"));
        if (uuid == null) {
            throw RequestRejectedException.malformed("missing-field", "a call status event must carry uuid");
        }
        String direction = str(p, "direction");
        boolean outbound = "outbound".equals(direction);
        String customer = outbound ? str(p, "to") : str(p, "from");
        String business = outbound ? str(p, "from") : str(p, "to");
        JsonObject attrs = new JsonObject().put("status", status);
        putIf(attrs, "direction", direction == null ? null : Vonage.token(direction));
        scalars(p, attrs);
        Contact.Builder b = request.newContact()
                .kind(ContactKind.STATUS)
                .visibility(Visibility.PRIVATE)
                .occurredAt(VonageTimestamps.parse(p.getValue("timestamp")))
                .sender(caller(customer, outbound ? null : str(p, "from_user")))
                .recipient(business(business))
                .thread(new ThreadRef(str(p, "conversation_uuid"), null, null))
                .provider(new ProviderRef(Vonage.PROVIDER, account, uuid + ":" + status, "status"));
        return Intake.of(Vonage.withAttributes(b, attrs).build());
    }

    private Intake recording(InboundRequest request, JsonObject p, String account) {
        String recordingUuid = str(p, "recording_uuid");
        if (recordingUuid == null) {
            throw RequestRejectedException.malformed("missing-field", "a recording event must carry recording_uuid");
        }
        Attachment recording = new Attachment("recording", str(p, "recording_url"), recordingUuid, null, null,
                size(p.getValue("size")), null, null);
        JsonObject attrs = new JsonObject();
        putIf(attrs, "callUuid", firstNonNull(str(p, "uuid"), str(p, "call_uuid")));
        putIf(attrs, "startTime", text(p, "start_time"));
        putIf(attrs, "endTime", text(p, "end_time"));
        JsonObject speech = obj(p, "speech");
        Contact.Builder b = request.newContact()
                .kind(ContactKind.VOICEMAIL)
                .visibility(Visibility.PRIVATE)
                .occurredAt(firstNonNull(VonageTimestamps.parse(p.getValue("end_time")),
                        VonageTimestamps.parse(p.getValue("timestamp"))))
                .sender(caller(str(p, "from"), null))
                .recipient(business(str(p, "to")))
                .content(new Content(speech == null ? null : transcript(speech), null, null, List.of(recording)))
                .thread(new ThreadRef(str(p, "conversation_uuid"), null, null))
                .provider(new ProviderRef(Vonage.PROVIDER, account, recordingUuid, "recording"));
        return Intake.of(Vonage.withAttributes(b, attrs).build());
    }

    private static String transcript(JsonObject speech) {
        Object results = speech.getValue("results");
        if (results instanceof JsonArray a && !a.isEmpty() && a.getValue(0) instanceof JsonObject first) {
            return text(first, "text");
        }
        return null;
    }

    /** The caller: a phone number when it looks like one, an app user for {@code from_user}, else a handle. */
    private Party caller(String from, String fromUser) {
        if (from != null && NUMBER.matcher(from).matches()) {
            return Party.UNKNOWN.withPhone(Vonage.phone(phones, from));
        }
        if (fromUser != null) {
            return Party.UNKNOWN.withUserId(new ProviderUserId(Vonage.PROVIDER, "app", fromUser, Assurance.PROVIDER))
                    .withHandle(fromUser);
        }
        return from == null ? Party.UNKNOWN : Party.UNKNOWN.withHandle(from);
    }

    private Endpoint business(String to) {
        if (to == null) {
            return null;
        }
        return NUMBER.matcher(to).matches() ? Vonage.phoneEndpoint(phones, to) : new Endpoint("account", null, to, null);
    }

    private static void scalars(JsonObject p, JsonObject attrs) {
        for (String f : SCALAR_EVENT_FIELDS) {
            Object v = p.getValue(f);
            if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                attrs.put(camel(f), v);
            }
        }
    }

    private static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    private static Long size(Object v) {
        if (v instanceof Integer || v instanceof Long) {
            long l = ((Number) v).longValue();
            return l >= 0 ? l : null;
        }
        if (v instanceof BigInteger) {
            return null;
        }
        if (v instanceof String s && DIGITS.matcher(s).matches()) {
            return Long.parseLong(s);
        }
        return null;
    }

    private static Intake ignored(String type, String reason) {
        return new Intake(List.of(), List.of(new Intake.Ignored(type, reason)));
    }

    @Override
    public Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted) {
        boolean answer = intake.contacts().stream().anyMatch(c -> c.kind() == ContactKind.CALL);
        if (!answer) {
            return Future.succeededFuture(HttpReply.empty(200));
        }
        String url = request.publicUrl();
        int q = url.indexOf('?');
        return Future.succeededFuture(HttpReply.json(200, Ncco.withRecordEventUrl(ncco, q < 0 ? url : url.substring(0, q))));
    }
}

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
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.contact.PriorityBand;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.ThreadRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.switchboard.gateway.channel.twilio.TwilioRequests.PROVIDER;
import static io.switchboard.gateway.channel.twilio.TwilioRequests.putIf;

/**
 * Speaks Twilio Programmable Voice webhooks (PROTOCOLS.md 3.4, 3.5), form-encoded and signed with
 * {@code X-Twilio-Signature}. One channel URL can serve the number's voice URL, its status callback URL and
 * the recording and transcription callbacks, because each request is recognised by what it carries:
 *
 * <ul>
 *   <li>{@code TranscriptionSid} → VOICEMAIL with the transcript (and the recording as an attachment);
 *       event id {@code <CallSid>:transcription:<TranscriptionSid>}.</li>
 *   <li>{@code RecordingSid} or {@code RecordingUrl} (the {@code <Record action>} request, or a recording status
 *       callback) → VOICEMAIL, the recording as a {@code recording} attachment; event id
 *       {@code <CallSid>:recording:<RecordingSid>}, so the action request and the {@code completed} status callback
 *       of one recording are one contact. Other recording statuses ({@code in-progress}, {@code absent},
 *       {@code failed}) → STATUS, {@code <CallSid>:recording:<RecordingSid>:<status>}.</li>
 *   <li>Conference, {@code <Dial action>}, queue and {@code <Gather>} callbacks → acknowledged and counted, not
 *       stored.</li>
 *   <li>A call status callback ({@code CallbackSource}, {@code SequenceNumber}, {@code CallDuration} or a final
 *       {@code CallStatus}) → STATUS; event id {@code <CallSid>:status:<CallStatus>[:<SequenceNumber>]}.</li>
 *   <li>Otherwise, the incoming-call request → CALL, PRIVATE; caller from {@code From} (E.164; national numbers read
 *       in {@code FromCountry}), CNAM name from {@code CallerName}, geo fields as attributes; event id
 *       {@code <CallSid>:call:<CallStatus>}. It is answered with the configured TwiML.</li>
 * </ul>
 *
 * <p>A provider retry carries the same parameters, so it maps to the same event id and is not stored twice; Twilio's
 * {@code I-Twilio-Idempotency-Token} header is not used: it is not covered by the signature, and the parameters
 * already identify each callback.
 */
final class TwilioVoiceAdapter implements ChannelAdapter {

    static final String CALL = "call";
    static final String CALL_STATUS = "call_status";
    static final String RECORDING = "recording";
    static final String RECORDING_STATUS = "recording_status";
    static final String TRANSCRIPTION = "transcription";

    private static final Set<String> FINAL = Set.of("completed", "busy", "failed", "no-answer", "canceled");
    private static final Pattern RECORDING_SID = Pattern.compile("^RE[0-9a-fA-F]{32}$");

    private final byte[] authToken;
    private final String defaultRegion;
    private final PhoneNumbers phones;
    private final VoiceAnswer answer;

    TwilioVoiceAdapter(ChannelInitContext ctx, VoiceAnswer answer) {
        this.authToken = ctx.config().getString("authToken").getBytes(StandardCharsets.UTF_8);
        this.defaultRegion = ctx.config().getString("defaultRegion");
        this.phones = ctx.phoneNumbers();
        this.answer = answer;
    }

    /** Twilio posts by default; a voice URL may be configured to use GET. */
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
        String callSid = TwilioRequests.sid(f, "CallSid");
        if (callSid == null) {
            return f.nonBlank("CallSid") != null ? ignored(CALL, "malformed") : ignored("unknown", "unsupported");
        }
        if (f.nonBlank("TranscriptionSid") != null) {
            String sid = TwilioRequests.sid(f, "TranscriptionSid");
            return sid == null ? ignored(TRANSCRIPTION, "malformed") : Intake.of(transcription(request, f, callSid, sid));
        }
        if (f.nonBlank("RecordingSid") != null || f.nonBlank("RecordingUrl") != null) {
            String sid = recordingSid(f);
            return sid == null ? ignored(RECORDING, "malformed") : Intake.of(recording(request, f, callSid, sid));
        }
        if (f.nonBlank("ConferenceSid") != null) {
            return ignored("conference", "unsupported");
        }
        if (f.nonBlank("DialCallStatus") != null) {
            return ignored("dial", "unsupported");
        }
        if (f.nonBlank("QueueResult") != null || f.nonBlank("QueuePosition") != null) {
            return ignored("queue", "unsupported");
        }
        if (f.get("Digits") != null || f.get("SpeechResult") != null) {
            return ignored("gather", "unsupported");
        }
        String status = TwilioRequests.status(f, "CallStatus");
        boolean statusCallback = f.nonBlank("CallbackSource") != null || f.nonBlank("SequenceNumber") != null
                || f.nonBlank("CallDuration") != null || (status != null && FINAL.contains(status));
        return Intake.of(statusCallback ? callStatus(request, f, callSid, status) : call(request, f, callSid, status));
    }

    private Contact call(InboundRequest request, FormFields f, String callSid, String status) {
        JsonObject attrs = callAttributes(f, status);
        putIf(attrs, "forwardedFrom", f.nonBlank("ForwardedFrom"));
        putIf(attrs, "stirVerstat", f.nonBlank("StirVerstat"));
        putIf(attrs, "parentCallSid", TwilioRequests.sid(f, "ParentCallSid"));
        Contact.Builder b = base(request, f, callSid, ContactKind.CALL)
                .provider(new ProviderRef(PROVIDER, account(f), callSid + ":call:" + (status == null ? "unknown" : status),
                        CALL));
        return withAttributes(b, attrs);
    }

    private Contact callStatus(InboundRequest request, FormFields f, String callSid, String status) {
        JsonObject attrs = callAttributes(f, status);
        Integer sequence = TwilioRequests.count(f, "SequenceNumber");
        putIf(attrs, "callDuration", TwilioRequests.count(f, "CallDuration"));
        putIf(attrs, "sequenceNumber", sequence);
        putIf(attrs, "callbackSource", TwilioRequests.status(f, "CallbackSource"));
        putIf(attrs, "sipResponseCode", TwilioRequests.count(f, "SipResponseCode"));
        String id = callSid + ":status:" + (status == null ? "unknown" : status) + (sequence == null ? "" : ":" + sequence);
        Contact.Builder b = base(request, f, callSid, ContactKind.STATUS)
                .occurredAt(TwilioRequests.timestamp(f.nonBlank("Timestamp")))
                .provider(new ProviderRef(PROVIDER, account(f), id, CALL_STATUS));
        return withAttributes(b, attrs);
    }

    private Contact recording(InboundRequest request, FormFields f, String callSid, String recordingSid) {
        String status = TwilioRequests.status(f, "RecordingStatus");
        boolean voicemail = status == null || status.equals("completed");
        JsonObject attrs = new JsonObject();
        putIf(attrs, "recordingStatus", status);
        putIf(attrs, "recordingDuration", TwilioRequests.count(f, "RecordingDuration"));
        putIf(attrs, "recordingSource", TwilioRequests.status(f, "RecordingSource"));
        putIf(attrs, "recordingChannels", TwilioRequests.count(f, "RecordingChannels"));
        putIf(attrs, "digits", f.nonBlank("Digits"));
        putIf(attrs, "errorCode", TwilioRequests.count(f, "ErrorCode"));
        TwilioRequests.geo(f, attrs);
        Instant occurred = firstNonNull(TwilioRequests.timestamp(f.nonBlank("RecordingStartTime")),
                TwilioRequests.timestamp(f.nonBlank("Timestamp")));
        String id = callSid + ":recording:" + recordingSid + (voicemail ? "" : ":" + status);
        Contact.Builder b = base(request, f, callSid, voicemail ? ContactKind.VOICEMAIL : ContactKind.STATUS)
                .occurredAt(occurred)
                .content(voicemail ? new Content(null, null, null, List.of(recordingAttachment(f, recordingSid)))
                        : Content.EMPTY)
                .provider(new ProviderRef(PROVIDER, account(f), id, voicemail ? RECORDING : RECORDING_STATUS));
        return withAttributes(b, attrs);
    }

    private Contact transcription(InboundRequest request, FormFields f, String callSid, String transcriptionSid) {
        String status = TwilioRequests.status(f, "TranscriptionStatus");
        String text = status == null || status.equals("completed") ? f.nonBlank("TranscriptionText") : null;
        String recordingSid = recordingSid(f);
        JsonObject attrs = new JsonObject();
        putIf(attrs, "transcriptionStatus", status);
        TwilioRequests.geo(f, attrs);
        List<Attachment> attachments = recordingSid == null ? List.of() : List.of(recordingAttachment(f, recordingSid));
        Contact.Builder b = base(request, f, callSid, ContactKind.VOICEMAIL)
                .content(new Content(text, null, null, attachments))
                .provider(new ProviderRef(PROVIDER, account(f), callSid + ":transcription:" + transcriptionSid,
                        TRANSCRIPTION));
        return withAttributes(b, attrs);
    }

    /** Common to every contact of a call: the customer, the business number, the call as thread. */
    private Contact.Builder base(InboundRequest request, FormFields f, String callSid, ContactKind kind) {
        String direction = f.nonBlank("Direction");
        boolean outbound = direction != null && direction.startsWith("outbound");
        String customerSide = outbound ? "To" : "From";
        String businessSide = outbound ? "From" : "To";
        Party customer = TwilioRequests.party(phones, f.nonBlank(customerSide),
                TwilioRequests.region(f, customerSide, defaultRegion));
        String cnam = outbound ? null : f.nonBlank("CallerName");
        if (cnam != null) {
            customer = customer.withDisplayName(cnam.strip());
        }
        Endpoint business = TwilioRequests.endpoint(phones, f.nonBlank(businessSide),
                TwilioRequests.region(f, businessSide, defaultRegion));
        return request.newContact()
                .kind(kind)
                .visibility(Visibility.PRIVATE)
                .sender(customer)
                .recipient(business)
                .thread(new ThreadRef(callSid, null, null));
    }

    private static JsonObject callAttributes(FormFields f, String status) {
        JsonObject attrs = new JsonObject();
        putIf(attrs, "callStatus", status);
        putIf(attrs, "direction", TwilioRequests.status(f, "Direction"));
        TwilioRequests.geo(f, attrs);
        return attrs;
    }

    /** {@code RecordingSid}, or the last path segment of {@code RecordingUrl} (the {@code <Record action>} request). */
    private static String recordingSid(FormFields f) {
        String sid = TwilioRequests.sid(f, "RecordingSid");
        if (sid != null) {
            return sid;
        }
        String url = f.nonBlank("RecordingUrl");
        if (url == null) {
            return null;
        }
        String last = url.strip().substring(url.strip().lastIndexOf('/') + 1);
        int dot = last.indexOf('.');
        last = dot < 0 ? last : last.substring(0, dot);
        return RECORDING_SID.matcher(last).matches() ? last : null;
    }

    private static Attachment recordingAttachment(FormFields f, String recordingSid) {
        String url = f.nonBlank("RecordingUrl");
        return new Attachment("recording", url == null ? null : url.strip(), recordingSid, null, null, null, null, null);
    }

    private static String account(FormFields f) {
        return TwilioRequests.sid(f, "AccountSid");
    }

    private static Contact withAttributes(Contact.Builder b, JsonObject attrs) {
        return (attrs.isEmpty() ? b : b.attributes(b.attributes().withNamespace(TwilioRequests.NAMESPACE, attrs))).build();
    }

    private static Intake ignored(String type, String reason) {
        return new Intake(List.of(), List.of(new Intake.Ignored(type, reason)));
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Waits for the chain only for an incoming call whose answer routes by priority band. */
    @Override
    public Duration replyWaitsForChain(InboundRequest request, Intake intake) {
        return isCall(intake) ? answer.chainWait() : Duration.ZERO;
    }

    /**
     * The configured TwiML for an incoming call (also for its retries), an empty {@code <Response/>} for every
     * other request.
     */
    @Override
    public Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted) {
        if (!isCall(intake)) {
            return Future.succeededFuture(TwilioRequests.emptyResponse());
        }
        PriorityBand band = null;
        if (!accepted.isEmpty() && accepted.get(0).contact().priority() != null) {
            band = accepted.get(0).contact().priority().band();
        }
        return Future.succeededFuture(HttpReply.text(200, TwilioRequests.TWIML,
                answer.render(callbackUrl(request), band)));
    }

    /**
     * Where the recording and transcription callbacks go: the URL Twilio called, which reaches this channel and
     * which Twilio will sign. A GET carries the call's parameters in its query; they are not repeated.
     */
    static String callbackUrl(InboundRequest request) {
        String url = request.publicUrl();
        int q = url.indexOf('?');
        return request.method() == HttpMethod.GET && q >= 0 ? url.substring(0, q) : url;
    }

    private static boolean isCall(Intake intake) {
        return intake.contacts().size() == 1 && intake.contacts().get(0).kind() == ContactKind.CALL;
    }
}

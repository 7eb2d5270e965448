package io.switchboard.gateway.http;

import io.switchboard.gateway.internal.Ids;
import io.switchboard.gateway.store.RawPayload;
import io.switchboard.spi.channel.FormFields;
import io.switchboard.spi.channel.FormUpload;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.ChannelRef;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.RawRef;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's {@link InboundRequest}: a fully read request with lazily parsed views of its raw body.
 */
public final class InboundRequestImpl implements InboundRequest {

    /** Headers never kept with the raw payload: credentials and shared secrets. */
    static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "x-telegram-bot-api-secret-token", "x-api-key");

    private final ChannelRef channel;
    private final String tenant;
    private final HttpMethod method;
    private final String publicUrl;
    private final String rawQuery;
    private final MultiMap headers;
    private final String contentType;
    private final Buffer body;
    private final String clientIp;
    private final Instant receivedAt;
    private final String traceId;
    private final int maxJsonDepth;
    private final int maxFormParts;
    private final RawRef rawRef;

    private FormFields queryParams;
    private BodyParsing.Form form;
    private JsonObject json;

    /**
     * @param channel      the channel
     * @param tenant       the channel's tenant
     * @param method       the method
     * @param publicUrl    the URL as the provider called it
     * @param rawQuery     the raw query, or null
     * @param headers      the headers
     * @param body         the body
     * @param clientIp     the client IP
     * @param receivedAt   when the request arrived
     * @param traceId      the trace id
     * @param maxJsonDepth JSON nesting limit
     * @param maxFormParts form part limit
     */
    public InboundRequestImpl(ChannelRef channel, String tenant, HttpMethod method, String publicUrl, String rawQuery,
                              MultiMap headers, Buffer body, String clientIp, Instant receivedAt, String traceId,
                              int maxJsonDepth, int maxFormParts) {
        this.channel = channel;
        this.tenant = tenant;
        this.method = method;
        this.publicUrl = publicUrl;
        this.rawQuery = rawQuery == null ? "" : rawQuery;
        this.headers = headers;
        this.contentType = headers.get("Content-Type");
        this.body = body;
        this.clientIp = clientIp;
        this.receivedAt = receivedAt;
        this.traceId = traceId;
        this.maxJsonDepth = maxJsonDepth;
        this.maxFormParts = maxFormParts;
        this.rawRef = new RawRef(Ids.newId(), contentType, body.length(), "");
    }

    @Override
    public String channelId() {
        return channel.id();
    }

    @Override
    public HttpMethod method() {
        return method;
    }

    @Override
    public String publicUrl() {
        return publicUrl;
    }

    @Override
    public String rawQuery() {
        return rawQuery;
    }

    @Override
    public FormFields queryParams() {
        if (queryParams == null) {
            queryParams = BodyParsing.urlEncoded(rawQuery, maxFormParts);
        }
        return queryParams;
    }

    @Override
    public MultiMap headers() {
        return headers;
    }

    @Override
    public String mediaType() {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public Buffer body() {
        return body;
    }

    private BodyParsing.Form form() {
        if (form == null) {
            String mt = mediaType();
            if (mt.equals("application/x-www-form-urlencoded")) {
                form = new BodyParsing.Form(BodyParsing.urlEncoded(body.toString(java.nio.charset.StandardCharsets.UTF_8),
                        maxFormParts), List.of());
            } else if (mt.equals("multipart/form-data")) {
                form = BodyParsing.multipart(contentType, body, maxFormParts);
            } else {
                form = new BodyParsing.Form(FormFields.EMPTY, List.of());
            }
        }
        return form;
    }

    @Override
    public FormFields formFields() {
        return form().fields();
    }

    @Override
    public List<FormUpload> uploads() {
        return form().uploads();
    }

    @Override
    public JsonObject jsonObject() {
        if (json == null) {
            json = BodyParsing.jsonObject(body, maxJsonDepth);
        }
        return json;
    }

    @Override
    public String clientIp() {
        return clientIp;
    }

    @Override
    public Instant receivedAt() {
        return receivedAt;
    }

    @Override
    public String traceId() {
        return traceId;
    }

    @Override
    public Contact.Builder newContact() {
        return Contact.builder()
                .id(Ids.newId())
                .tenant(tenant)
                .channel(channel)
                .receivedAt(receivedAt)
                .traceId(traceId)
                .raw(rawRef);
    }

    @Override
    public RawRef rawRef() {
        return rawRef;
    }

    /** @return the raw payload to store with this request's contacts */
    public RawPayload toRawPayload() {
        JsonObject h = new JsonObject();
        for (Map.Entry<String, String> e : headers) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (SECRET_HEADERS.contains(name)) {
                continue;
            }
            Object prev = h.getValue(name);
            if (prev == null) {
                h.put(name, e.getValue());
            } else if (prev instanceof JsonArray a) {
                a.add(e.getValue());
            } else {
                h.put(name, new JsonArray().add(prev).add(e.getValue()));
            }
        }
        return new RawPayload(rawRef.id(), channel.id(), receivedAt, method.name(), contentType,
                rawQuery.isEmpty() ? null : rawQuery, h, body);
    }

    /**
     * @param status a 4xx status
     * @param reason the reason code
     * @return a rejection (helper for the edge)
     */
    static RequestRejectedException reject(int status, String reason) {
        return new RequestRejectedException(status, reason, null);
    }
}

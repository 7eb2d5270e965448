package io.switchboard.spi.channel;

import io.switchboard.spi.contact.Contact;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * One webhook request, fully read, as an adapter sees it. Implemented by the gateway (and the test kit);
 * not thread-safe, used on one event loop.
 *
 * <p>The raw body is kept exactly as received so signatures can be verified over it; the parsed views
 * ({@link #formFields()}, {@link #jsonObject()}) are computed lazily from it, with the gateway's
 * limits (nesting depth, part count), and throw {@link RequestRejectedException} (400) when the body
 * cannot be parsed.
 */
public interface InboundRequest {

    /** @return the channel instance id from the path */
    String channelId();

    /** @return the HTTP method */
    HttpMethod method();

    /**
     * The URL as the provider called it: the channel's configured public base URL (when set) plus the
     * path and query actually received. This is the URL providers such as Twilio sign.
     *
     * @return the public URL
     */
    String publicUrl();

    /** @return the raw query string (without {@code ?}), or empty */
    String rawQuery();

    /** @return decoded query parameters, exact and in order */
    FormFields queryParams();

    /** @return request headers (case-insensitive) */
    MultiMap headers();

    /** @return the media type of the body, lower case, without parameters; empty when absent */
    String mediaType();

    /** @return the raw body bytes; empty for none */
    Buffer body();

    /**
     * The text fields of an {@code application/x-www-form-urlencoded} or {@code multipart/form-data} body,
     * exact (case-sensitive names) and in the order received. Multi-valued fields keep every value.
     *
     * @return the fields; empty for other bodies
     * @throws RequestRejectedException 400 when the body is not a valid form
     */
    FormFields formFields();

    /**
     * The file parts of a {@code multipart/form-data} body.
     *
     * @return the uploads; empty for other bodies
     * @throws RequestRejectedException 400 when the body is not a valid form
     */
    List<FormUpload> uploads();

    /**
     * The body as a JSON object.
     *
     * @return the object
     * @throws RequestRejectedException 400 when the body is not a JSON object or nests too deeply
     */
    JsonObject jsonObject();

    /** @return the client's IP address (the proxy's when behind one, unless trusted forwarding is configured) */
    String clientIp();

    /** @return when the gateway received the request */
    Instant receivedAt();

    /** @return the request's trace id */
    String traceId();

    /**
     * A builder for a new contact from this request, pre-filled with a fresh time-ordered id, the schema
     * version, the tenant, the channel, the receive time, the trace id and a reference to this request's
     * raw payload. Call {@code raw(rawRef().at("/entry/0"))} for contacts that are one part of a batch.
     *
     * @return the builder
     */
    Contact.Builder newContact();

    /** @return the reference to this request's raw payload */
    io.switchboard.spi.contact.RawRef rawRef();
}

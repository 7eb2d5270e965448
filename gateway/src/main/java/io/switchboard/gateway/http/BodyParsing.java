package io.switchboard.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.switchboard.spi.channel.FormFields;
import io.switchboard.spi.channel.FormUpload;
import io.switchboard.spi.channel.RequestRejectedException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses request bodies from their kept raw bytes, with limits. Every failure is a
 * {@link RequestRejectedException} (400), never an unhandled exception.
 */
public final class BodyParsing {

    private BodyParsing() {
    }

    /**
     * A parsed form.
     *
     * @param fields  the text fields
     * @param uploads the file parts
     */
    public record Form(FormFields fields, List<FormUpload> uploads) {
    }

    /**
     * Decodes {@code application/x-www-form-urlencoded} (or a query string) exactly: {@code &}-separated,
     * {@code +} is a space, percent-escapes are UTF-8, {@code ;} is an ordinary character, names are
     * case-sensitive.
     *
     * @param text     the encoded text
     * @param maxParts the most fields accepted
     * @return the fields, in order
     * @throws RequestRejectedException 400 on a bad escape or too many fields
     */
    public static FormFields urlEncoded(String text, int maxParts) {
        if (text == null || text.isEmpty()) {
            return FormFields.EMPTY;
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        int start = 0;
        int len = text.length();
        while (start <= len) {
            int amp = text.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            if (end > start) {
                if (out.size() >= maxParts) {
                    throw RequestRejectedException.malformed("too-many-fields", "more than " + maxParts + " fields");
                }
                String pair = text.substring(start, end);
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                out.add(Map.entry(decode(name), decode(value)));
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return FormFields.of(out);
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RequestRejectedException.malformed("malformed-form", "invalid percent-encoding");
        }
    }

    /**
     * Decodes {@code multipart/form-data}.
     *
     * @param contentType the full Content-Type header, with its boundary
     * @param body        the raw body
     * @param maxParts    the most parts accepted
     * @return the fields and files
     * @throws RequestRejectedException 400 when the body is not valid multipart or has too many parts
     */
    public static Form multipart(String contentType, Buffer body, int maxParts) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).contains("boundary=")) {
            throw RequestRejectedException.malformed("malformed-multipart", "multipart body without a boundary");
        }
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(body.getBytes()));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length());
        HttpPostMultipartRequestDecoder decoder = null;
        try {
            decoder = new HttpPostMultipartRequestDecoder(new DefaultHttpDataFactory(false), request,
                    StandardCharsets.UTF_8, maxParts, Math.max(body.length(), 1024) + 1024);
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            List<FormUpload> uploads = new ArrayList<>();
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (fields.size() + uploads.size() >= maxParts) {
                    throw RequestRejectedException.malformed("too-many-fields", "more than " + maxParts + " parts");
                }
                if (data instanceof FileUpload f) {
                    uploads.add(new FormUpload(f.getName(), f.getFilename(), f.getContentType(),
                            Buffer.buffer(f.get())));
                } else if (data instanceof Attribute a) {
                    fields.add(Map.entry(a.getName(), a.getValue()));
                }
            }
            return new Form(FormFields.of(fields), List.copyOf(uploads));
        } catch (RequestRejectedException e) {
            throw e;
        } catch (io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.TooManyFormFieldsException e) {
            throw RequestRejectedException.malformed("too-many-fields", "more than " + maxParts + " parts");
        } catch (RuntimeException | IOException e) {
            throw RequestRejectedException.malformed("malformed-multipart", "invalid multipart body");
        } finally {
            if (decoder != null) {
                decoder.destroy();
            }
            request.release();
        }
    }

    /**
     * Parses a JSON body into a {@link JsonObject}, refusing nesting deeper than {@code maxDepth}.
     *
     * @param body     the raw body
     * @param maxDepth the deepest nesting accepted
     * @return the object
     * @throws RequestRejectedException 400 when the body is not one JSON object or nests too deeply
     */
    public static JsonObject jsonObject(Buffer body, int maxDepth) {
        Object v = json(body, maxDepth);
        if (!(v instanceof JsonObject o)) {
            throw RequestRejectedException.malformed("malformed-json", "body must be a JSON object");
        }
        return o;
    }

    /**
     * Parses any JSON value (object, array, scalar), refusing nesting deeper than {@code maxDepth}.
     *
     * @param body     the raw body
     * @param maxDepth the deepest nesting accepted
     * @return {@link JsonObject}, {@link JsonArray}, String, Number, Boolean or null
     * @throws RequestRejectedException 400 when the body is not exactly one JSON value
     */
    public static Object json(Buffer body, int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        try (JsonParser p = factory.createParser(body.getBytes())) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw RequestRejectedException.malformed("malformed-json", "empty body");
            }
            Object value = read(p, first);
            if (p.nextToken() != null) {
                throw RequestRejectedException.malformed("malformed-json", "trailing data after the JSON value");
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw RequestRejectedException.malformed("json-too-deep", "JSON nests deeper than " + maxDepth);
        } catch (IOException e) {
            throw RequestRejectedException.malformed("malformed-json", "invalid JSON");
        }
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                JsonObject o = new JsonObject();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    o.put(name, read(p, p.nextToken()));
                }
                if (k != JsonToken.END_OBJECT) {
                    throw new IOException("unterminated object");
                }
                return o;
            }
            case START_ARRAY: {
                JsonArray a = new JsonArray();
                JsonToken x;
                while ((x = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (x == null) {
                        throw new IOException("unterminated array");
                    }
                    a.add(read(p, x));
                }
                return a;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> p.getIntValue();
                    case LONG -> p.getLongValue();
                    default -> p.getBigIntegerValue();
                };
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected token " + t);
        }
    }
}

package io.switchboard.gateway.channel.email;

import io.switchboard.gateway.http.BodyParsing;
import io.switchboard.spi.channel.FormFields;
import io.switchboard.spi.channel.FormUpload;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.RequestRejectedException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One provider's inbound-email protocol: how its posts are authenticated, and how a post becomes a {@link Mail}.
 * Implementations are thread-safe and called on event loops.
 */
interface InboundEmail {

    /**
     * @param request the request
     * @throws RequestRejectedException 401 when it is not a genuine provider post
     */
    void verify(InboundRequest request);

    /**
     * @param request a verified request
     * @return the mail, or null when the post is a provider event that is not an inbound message (acknowledged
     *         and counted)
     * @throws RequestRejectedException 400 (or 415) when the post is not an inbound email
     */
    Mail read(InboundRequest request);

    /** @return the provider event type of a post {@link #read} returned null for, for metrics */
    default String ignoredEventType() {
        return "event";
    }

    /** Helpers shared by the readers. */
    final class Forms {

        /** Longest provider verdict (SPF, DKIM, spam score) kept in the attributes. */
        static final int MAX_VERDICT = 1000;

        private Forms() {
        }

        /** @return the request's form fields; 415 for a body that is not a form */
        static FormFields fields(InboundRequest request) {
            String mt = request.mediaType();
            if (!mt.equals("multipart/form-data") && !mt.equals("application/x-www-form-urlencoded")) {
                throw new RequestRejectedException(415, "unsupported-media-type",
                        "inbound email must be multipart/form-data or application/x-www-form-urlencoded");
            }
            return request.formFields();
        }

        /** @return a JSON object from a field's text, or null when absent or not an object */
        static JsonObject object(String text) {
            Object v = json(text);
            return v instanceof JsonObject o ? o : null;
        }

        /** @return a JSON value from a field's text, or null when absent or not JSON */
        static Object json(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return BodyParsing.json(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)), 16);
            } catch (RequestRejectedException e) {
                return null;
            }
        }

        /** @return the elements of a JSON array that are strings */
        static List<String> strings(Object v) {
            if (v instanceof String s) {
                return List.of(s);
            }
            if (v instanceof JsonArray a) {
                return a.stream().filter(x -> x instanceof String).map(x -> (String) x).limit(Mime.MAX_LIST).toList();
            }
            return List.of();
        }

        /** Copies a short, non-blank provider verdict into the attributes. */
        static void verdict(JsonObject extra, String key, String value) {
            if (value != null && !value.isBlank()) {
                String v = value.strip();
                extra.put(key, v.length() > MAX_VERDICT ? v.substring(0, MAX_VERDICT) : v);
            }
        }

        /**
         * A digest of what a post says, leaving out the fields that change on every delivery attempt (Mailgun's
         * signature triple), so that two attempts of one message without a Message-ID get one event id.
         *
         * @param fields  the form fields
         * @param uploads the file parts
         * @param exclude names left out
         * @return SHA-256
         */
        static byte[] fingerprint(FormFields fields, List<FormUpload> uploads, Set<String> exclude) {
            MessageDigest md = sha256();
            for (Map.Entry<String, String> e : fields.entries()) {
                if (!exclude.contains(e.getKey())) {
                    md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                }
            }
            for (FormUpload u : uploads) {
                md.update(u.field().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(u.content().getBytes());
                md.update((byte) 0);
            }
            return md.digest();
        }

        /** @return SHA-256 of bytes */
        static byte[] sha256(byte[] bytes) {
            return sha256().digest(bytes);
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }
    }
}

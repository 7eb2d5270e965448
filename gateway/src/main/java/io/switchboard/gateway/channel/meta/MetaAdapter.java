package io.switchboard.gateway.channel.meta;

import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.channel.FormFields;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.PhoneNumbers;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.switchboard.gateway.channel.internal.JsonFields.obj;

/**
 * Speaks Meta's Graph webhooks (PROTOCOLS.md section 2) for Pages/Messenger, Instagram and the WhatsApp
 * Cloud API on one channel: answers the {@code hub.challenge} GET, verifies {@code X-Hub-Signature-256}
 * (and, only when configured, the legacy {@code X-Hub-Signature}) over the raw body, and splits each
 * delivery into one contact per message, comment or status, each pointing at its own part of the payload.
 * Unknown {@code object} values and unsupported events are acknowledged and counted as ignored. Answers
 * {@code 200 EVENT_RECEIVED}.
 *
 * <p>An event without the id needed to de-duplicate it is ignored ({@code malformed}) rather than failing
 * the whole batch: Meta would retry the batch for up to 36 hours (7 days for WhatsApp), and unsubscribes
 * an app whose Messenger webhooks keep failing. Only a body that is not a Meta notification at all (no
 * {@code object} string, no {@code entry} array) is a 400.
 */
final class MetaAdapter implements ChannelAdapter {

    /** The body of the answer to a delivery, as Meta's samples send it. */
    static final String EVENT_RECEIVED = "EVENT_RECEIVED";

    private final byte[] appSecret;
    private final byte[] verifyTokenDigest;
    private final boolean acceptSha1;
    private final PhoneNumbers phones;

    MetaAdapter(ChannelInitContext ctx) {
        this.appSecret = ctx.config().getString("appSecret").getBytes(StandardCharsets.UTF_8);
        this.verifyTokenDigest = sha256(ctx.config().getString("verifyToken"));
        this.acceptSha1 = ctx.config().getBoolean("acceptSha1");
        this.phones = ctx.phoneNumbers();
    }

    @Override
    public Set<HttpMethod> eventMethods() {
        return Set.of(HttpMethod.POST);
    }

    /**
     * The subscription check: every GET is one. No {@code hub.*} parameter, a mode other than
     * {@code subscribe} or no challenge is a 400; a wrong verify token a 403.
     */
    @Override
    public Optional<HttpReply> handshake(InboundRequest request) {
        if (request.method() != HttpMethod.GET) {
            return Optional.empty();
        }
        FormFields q = request.queryParams();
        String mode = q.get("hub.mode");
        String token = q.get("hub.verify_token");
        String challenge = q.get("hub.challenge");
        if (mode == null && token == null && challenge == null) {
            throw RequestRejectedException.malformed("missing-hub-parameters",
                    "a GET must carry hub.mode, hub.verify_token and hub.challenge");
        }
        if (!"subscribe".equals(mode) || challenge == null) {
            throw RequestRejectedException.malformed("invalid-hub-parameters",
                    "hub.mode must be subscribe and hub.challenge present");
        }
        // Compare digests so that neither the content nor the length of the token leaks through timing.
        if (token == null || !MessageDigest.isEqual(sha256(token), verifyTokenDigest)) {
            throw RequestRejectedException.forbidden("verify-token");
        }
        return Optional.of(HttpReply.text(200, "text/plain; charset=utf-8", challenge)
                .withHeader("X-Content-Type-Options", "nosniff"));
    }

    @Override
    public void verify(InboundRequest request) {
        String h256 = request.headers().get(MetaSignatures.HEADER_256);
        String h1 = acceptSha1 && h256 == null ? request.headers().get(MetaSignatures.HEADER_SHA1) : null;
        if (h256 == null && h1 == null) {
            throw RequestRejectedException.unauthorized("signature-missing");
        }
        byte[] body = request.body().getBytes();
        boolean ok = h256 != null
                ? matches(MetaSignatures.decode(h256, "sha256", 32), MetaSignatures.hmac("HmacSHA256", appSecret, body))
                : matches(MetaSignatures.decode(h1, "sha1", 20), MetaSignatures.hmac("HmacSHA1", appSecret, body));
        if (!ok) {
            throw RequestRejectedException.unauthorized("signature-invalid");
        }
    }

    @Override
    public Intake parse(InboundRequest request) {
        JsonObject payload = request.jsonObject();
        if (!(payload.getValue("object") instanceof String object)) {
            throw RequestRejectedException.malformed("missing-field", "'object' must be a string");
        }
        MetaBatch out = new MetaBatch(request, phones);
        String platform = switch (object) {
            case "page" -> "messenger";
            case "instagram" -> "instagram";
            case "whatsapp_business_account" -> "whatsapp";
            default -> null;
        };
        if (platform == null) {
            out.ignore(object, "unsupported");
            return out.intake();
        }
        if (!(payload.getValue("entry") instanceof JsonArray entries)) {
            throw RequestRejectedException.malformed("missing-field", "'entry' must be an array");
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonObject entry = obj(entries, i);
            String pointer = "/entry/" + i;
            if (entry == null) {
                out.ignore("entry", "malformed");
            } else if (platform.equals("whatsapp")) {
                WhatsAppEvents.parse(entry, pointer, out);
            } else {
                MessagingEvents.parse(entry, pointer, platform, out);
                CommentEvents.parse(entry, pointer, platform, out);
            }
        }
        return out.intake();
    }

    @Override
    public Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted) {
        return Future.succeededFuture(HttpReply.text(200, "text/plain", EVENT_RECEIVED));
    }

    /** Constant-time comparison; a header that did not decode never matches. */
    private static boolean matches(byte[] given, byte[] expected) {
        return MessageDigest.isEqual(expected, given == null ? new byte[0] : given);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

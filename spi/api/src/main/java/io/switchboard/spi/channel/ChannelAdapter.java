package io.switchboard.spi.channel;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Speaks one provider's webhook protocol for one channel instance.
 *
 * <p><b>Threading:</b> every method is called on a Vert.x event loop and must not block. The gateway
 * calls them in this order for each request: {@link #handshake}, then (when it returned empty)
 * {@link #verify}, {@link #parse}, durable storage, {@link #reply}. Instances are shared by all event
 * loops, so keep them stateless or thread-safe.
 *
 * <p><b>Security:</b> {@link #verify} runs on the raw body bytes before anything parses them. Compare
 * secrets and signatures in constant time ({@link java.security.MessageDigest#isEqual}). Reject with
 * {@link RequestRejectedException#unauthorized} without saying which check failed.
 *
 * <p><b>Errors:</b> throw {@link RequestRejectedException} for anything the provider sent wrong (400, 401,
 * 403). Any other exception is a bug in the adapter; the gateway answers 500 and counts it.
 */
public interface ChannelAdapter {

    /**
     * @return the HTTP methods that carry events on this channel (handshakes excepted); others get 405.
     *         POST by default.
     */
    default Set<HttpMethod> eventMethods() {
        return Set.of(HttpMethod.POST);
    }

    /**
     * Answers a provider's verification handshake (X's CRC GET, Meta's {@code hub.challenge}), if this
     * request is one. Called before {@link #verify}: a handshake authenticates itself.
     *
     * @param request the request
     * @return the answer, or empty when the request is not a handshake
     * @throws RequestRejectedException when it is a handshake that fails (wrong verify token)
     */
    default Optional<HttpReply> handshake(InboundRequest request) {
        return Optional.empty();
    }

    /**
     * Verifies the request's authenticity over its raw bytes: signature, shared secret, timestamp window.
     *
     * @param request the request
     * @throws RequestRejectedException (401/403) when it is not a genuine provider call
     */
    void verify(InboundRequest request);

    /**
     * Normalises a verified request into contacts.
     *
     * @param request the request
     * @return the contacts and the events acknowledged without a contact
     * @throws RequestRejectedException (400) when the body is malformed
     */
    Intake parse(InboundRequest request);

    /**
     * How long the answer may wait for the contacts' plugin chain. By default the provider is answered as soon
     * as its contacts are durably stored and plugins run afterwards. A channel whose answer depends on what
     * plugins find (TwiML that routes by priority) returns a deadline here, well inside the provider's own
     * budget: the gateway then calls {@link #reply} once the chain has finished or the deadline has passed,
     * whichever is first, with the processed contacts where the chain finished in time (and the stored ones,
     * without plugin results, where it did not; the reply must then fall back to a default).
     *
     * @param request the request
     * @param intake  what {@link #parse} returned
     * @return the longest wait; {@link java.time.Duration#ZERO} (the default) to answer at once
     * @since 1.0
     */
    default java.time.Duration replyWaitsForChain(InboundRequest request, Intake intake) {
        return java.time.Duration.ZERO;
    }

    /**
     * The answer the provider expects, once every contact is durably stored.
     *
     * @param request  the request
     * @param intake   what {@link #parse} returned
     * @param accepted how each contact was stored, in the order of {@code intake.contacts()}
     * @return the answer
     */
    Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted);
}

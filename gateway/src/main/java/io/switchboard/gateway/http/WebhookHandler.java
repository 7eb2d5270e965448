package io.switchboard.gateway.http;

import io.switchboard.gateway.channel.LiveChannels;
import io.switchboard.gateway.config.ServerConfig;
import io.switchboard.gateway.delivery.DeliveryService;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.pipeline.ContactPipeline;
import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ProcessingStatus;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code /webhooks/{channelId}}: read the raw body within the channel's limit, answer a handshake, verify,
 * parse, store durably (already processed when the channel's chain has no step), answer the provider, then hand
 * new contacts still to process to the pipeline.
 */
public final class WebhookHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

    private final ServerConfig server;
    private final LiveChannels channels;
    private final ContactPipeline pipeline;
    private final DeliveryService delivery;
    private final GatewayMetrics metrics;
    private final Clock clock;
    /** Large bodies queued for or being parsed on the worker pool, across this listener's event loops. */
    private static final java.util.concurrent.atomic.AtomicInteger offloaded = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param server   the listener configuration
     * @param channels the channels
     * @param pipeline the pipeline
     * @param delivery the delivery service (for backpressure)
     * @param metrics  the metrics
     * @param clock    the clock
     */
    public WebhookHandler(ServerConfig server, LiveChannels channels, ContactPipeline pipeline,
                          DeliveryService delivery, GatewayMetrics metrics, Clock clock) {
        this.delivery = delivery;
        this.server = server;
        this.channels = channels;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext rc) {
        long start = System.nanoTime();
        HttpServerRequest request = rc.request();
        String channelId = rc.pathParam("channelId");
        LiveChannels.Channel channel = channels.get(channelId);
        if (channel == null) {
            metrics.rejected(GatewayMetrics.UNKNOWN_CHANNEL, "unknown-channel");
            finish(rc, GatewayMetrics.UNKNOWN_CHANNEL, start,
                    HttpReply.json(404, new JsonObject().put("error", "unknown-channel")));
            return;
        }
        if (!channel.live()) {
            metrics.rejected(channelId, "channel-not-started");
            finish(rc, channelId, start, HttpReply.json(503, new JsonObject().put("error", "channel-not-started"))
                    .withHeader("Retry-After", "60"));
            return;
        }
        if (delivery.backpressure()) {
            // The outbox is full: providers retry on 503, so refuse rather than grow without bound.
            metrics.failed(channelId, "outbox-full");
            finish(rc, channelId, start, HttpReply.json(503, new JsonObject().put("error", "temporarily-unavailable"))
                    .withHeader("Retry-After", "30"));
            return;
        }
        BodyReader.read(rc.vertx(), request, channel.config().maxBodyBytes(), server.requestTimeout().toMillis())
                .compose(body -> handle(rc, start, channel, new InboundRequestImpl(channel.ref(), channel.config().tenant(),
                        request.method(), publicUrl(request, channel), request.query(), request.headers(), body,
                        clientIp(request), clock.instant(), traceId(request), server.maxJsonDepth(),
                        server.maxFormParts())))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        return;
                    }
                    Edge.Mapped m = Edge.map(ar.cause());
                    if (m.serverFault()) {
                        metrics.failed(channelId, m.reason());
                        if ("internal".equals(m.reason())) {
                            LOG.atError().setMessage("webhook failed").addKeyValue("channel", channelId)
                                    .setCause(ar.cause()).log();
                        }
                    } else {
                        metrics.rejected(channelId, m.reason());
                        if (ar.cause() instanceof RequestRejectedException r) {
                            LOG.atDebug().setMessage("webhook rejected").addKeyValue("channel", channelId)
                                    .addKeyValue("status", r.status()).addKeyValue("reason", r.getMessage()).log();
                        }
                    }
                    finish(rc, channelId, start, m.reply());
                });
    }

    private Future<Void> handle(RoutingContext rc, long start, LiveChannels.Channel channel, InboundRequestImpl in) {
        ChannelAdapter adapter = channel.adapter();
        String channelId = channel.ref().id();
        Intake intake;
        try {
            Optional<HttpReply> handshake = adapter.handshake(in);
            if (handshake.isPresent()) {
                metrics.handshake(channelId);
                finish(rc, channelId, start, handshake.get());
                return Future.succeededFuture();
            }
            if (!adapter.eventMethods().contains(in.method())) {
                throw new RequestRejectedException(405, "method-not-allowed", null);
            }
            if (in.body().length() >= server.workerParseBytes()) {
                return verifyAndParseOnWorker(rc.vertx(), adapter, in)
                        .compose(parsed -> store(rc, start, channel, in, parsed));
            }
            adapter.verify(in);
            intake = adapter.parse(in);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return store(rc, start, channel, in, intake);
    }

    /**
     * Verifies and parses a large body on the worker pool (HMAC over megabytes, MIME with attachments), so the event
     * loop keeps serving; at most {@code workerParseMaxQueued} at once, beyond which the provider is asked to retry.
     */
    private Future<Intake> verifyAndParseOnWorker(io.vertx.core.Vertx vertx, ChannelAdapter adapter,
                                                  InboundRequestImpl in) {
        if (offloaded.incrementAndGet() > server.workerParseMaxQueued()) {
            offloaded.decrementAndGet();
            return Future.failedFuture(new Edge.Busy("parse-queue-full", 5));
        }
        return vertx.executeBlocking(() -> {
            adapter.verify(in);
            return adapter.parse(in);
        }, false).andThen(ar -> offloaded.decrementAndGet());
    }

    private Future<Void> store(RoutingContext rc, long start, LiveChannels.Channel channel, InboundRequestImpl in,
                               Intake intake) {
        ChannelAdapter adapter = channel.adapter();
        String channelId = channel.ref().id();
        if (intake == null) {
            return Future.failedFuture(new IllegalStateException("adapter " + channel.ref().type() + " returned no intake"));
        }
        for (Intake.Ignored ig : intake.ignored()) {
            metrics.ignored(channelId, ig.eventType(), ig.reason());
        }
        return pipeline.accept(in.toRawPayload(), intake.contacts()).compose(accepted -> {
            List<Contact> fresh = new ArrayList<>(accepted.size());
            for (Accepted a : accepted) {
                if (a.duplicate()) {
                    metrics.duplicate(channelId);
                } else {
                    metrics.accepted(channelId, a.contact().kind().name().toLowerCase(Locale.ROOT));
                    if (a.contact().processing().status() == ProcessingStatus.ACCEPTED) {
                        fresh.add(a.contact());
                    }
                }
            }
            java.time.Duration wait;
            try {
                wait = adapter.replyWaitsForChain(in, intake);
            } catch (RuntimeException e) {
                wait = java.time.Duration.ZERO;
            }
            Future<List<Accepted>> ready;
            if (wait == null || wait.isZero() || wait.isNegative() || fresh.isEmpty()) {
                ready = Future.succeededFuture(accepted);
            } else {
                ready = awaitChain(rc.vertx(), accepted, pipeline.submitTracked(fresh), wait);
                fresh = List.of();
            }
            List<Contact> later = fresh;
            Future<HttpReply> reply = ready.compose(acc -> {
                try {
                    return adapter.reply(in, intake, acc);
                } catch (RuntimeException e) {
                    return Future.failedFuture(e);
                }
            });
            return reply.recover(err -> {
                // Stored already: never make the provider retry what we have. Acknowledge plainly.
                LOG.atError().setMessage("adapter reply failed after durable accept; answering 200")
                        .addKeyValue("channel", channelId).setCause(err).log();
                return Future.succeededFuture(HttpReply.empty(200));
            }).map(r -> {
                finish(rc, channelId, start, r);
                pipeline.submit(later);
                return null;
            });
        });
    }

    /**
     * Waits for the tracked contacts' chains until the deadline, then substitutes each finished contact into the
     * accepted list (duplicates and unfinished ones stay as stored).
     */
    private static Future<List<Accepted>> awaitChain(io.vertx.core.Vertx vertx, List<Accepted> accepted,
                                                     List<Future<Contact>> tracked, java.time.Duration wait) {
        io.vertx.core.Promise<Void> deadline = io.vertx.core.Promise.promise();
        long timer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> deadline.tryComplete());
        Future.join(tracked).onComplete(ar -> {
            vertx.cancelTimer(timer);
            deadline.tryComplete();
        });
        return deadline.future().map(v -> {
            java.util.Map<String, Contact> done = new java.util.HashMap<>();
            for (Future<Contact> f : tracked) {
                if (f.succeeded() && f.result() != null) {
                    done.put(f.result().id(), f.result());
                }
            }
            List<Accepted> out = new ArrayList<>(accepted.size());
            for (Accepted a : accepted) {
                Contact processed = a.duplicate() ? null : done.get(a.contact().id());
                out.add(processed == null ? a : new Accepted(processed, a.storedId(), false));
            }
            return out;
        });
    }

    private void finish(RoutingContext rc, String channelId, long start, HttpReply reply) {
        Edge.send(rc.response(), reply);
        metrics.latency(channelId, (reply.status() / 100) + "xx", System.nanoTime() - start);
    }

    private String publicUrl(HttpServerRequest request, LiveChannels.Channel channel) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String query = q < 0 ? "" : uri.substring(q);
        String configured = channel.config().publicUrl();
        if (configured != null) {
            int cq = configured.indexOf('?');
            return (cq < 0 ? configured : configured.substring(0, cq)) + query;
        }
        if (server.publicBaseUrl() != null) {
            return server.publicBaseUrl() + uri;
        }
        String scheme = request.scheme() == null ? "http" : request.scheme();
        String host = request.authority() == null ? request.localAddress().toString() : request.authority().toString();
        if (server.trustForwardedHeaders()) {
            String fp = first(request.getHeader("X-Forwarded-Proto"));
            String fh = first(request.getHeader("X-Forwarded-Host"));
            scheme = fp == null ? scheme : fp.toLowerCase(Locale.ROOT);
            host = fh == null ? host : fh;
        }
        return scheme + "://" + host + uri;
    }

    private String clientIp(HttpServerRequest request) {
        if (server.trustForwardedHeaders()) {
            String ff = first(request.getHeader("X-Forwarded-For"));
            if (ff != null) {
                return ff;
            }
        }
        return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }

    static String traceId(HttpServerRequest request) {
        String tp = request.getHeader("traceparent");
        if (tp != null && tp.length() >= 55 && tp.charAt(2) == '-' && tp.charAt(35) == '-') {
            String id = tp.substring(3, 35);
            if (id.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))
                    && !id.equals("00000000000000000000000000000000")) {
                return id;
            }
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        // Not String.format: this runs for every request without a traceparent.
        return java.util.HexFormat.of().toHexDigits(r.nextLong()) + java.util.HexFormat.of().toHexDigits(r.nextLong());
    }
}

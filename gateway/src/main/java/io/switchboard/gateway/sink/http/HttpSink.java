package io.switchboard.gateway.sink.http;

import io.switchboard.spi.contact.ContactJson;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.Delivery;
import io.switchboard.spi.sink.DeliveryResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends contacts to an HTTP API: per contact (up to {@code concurrency} requests at once) or, in batch mode, up to
 * {@code batchSize} contacts per request. Idempotent through the target: the contact id goes in an
 * {@code Idempotency-Key} header, or in the path or body of an upsert by external id.
 *
 * <p>Answers: 2xx is delivered; 408, 429, 5xx, timeouts and connection failures are retried, honouring
 * {@code Retry-After}; any other status (other 4xx, and 3xx: redirects are not followed, and Salesforce's 300
 * means the external id matched several records) is a dead letter at once. In batch mode, a 4xx refusal of a
 * request of several contacts is retried contact by contact, so that only the refused contact becomes a dead
 * letter; a 207 answer delivers the contacts its results list and retries the others.
 *
 * <p>Logs carry the sink, the status and the contact id; never a body or a header value.
 */
final class HttpSink implements ContactSink {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSink.class);

    /**
     * @param baseUrl           the target's base URL, without a trailing slash
     * @param path              the path template
     * @param method            the method
     * @param headers           extra header templates
     * @param body              the body template, or null for the whole contact JSON
     * @param idempotencyHeader the idempotency header's name, or null
     * @param externalRef       pointer to the target's id in the answer (batch mode: in a result), or null
     * @param batchSize         contacts per request; 0 for one request per contact
     * @param batchField        batch mode: the field holding the items
     * @param batchResults      batch mode: pointer to the results array
     * @param batchMatch        batch mode: pointer to the contact id in a result
     * @param timeout           request timeout
     * @param concurrency       requests in flight at once
     * @param auth              the credentials header
     */
    record Settings(String baseUrl, ContactTemplate path, HttpMethod method, Map<String, ContactTemplate> headers,
                    ContactTemplate.Compiled body, String idempotencyHeader, JsonPointer externalRef, int batchSize,
                    String batchField, JsonPointer batchResults, JsonPointer batchMatch, Duration timeout,
                    int concurrency, HttpAuth auth) {
    }

    private final String name;
    private final Settings settings;
    private final WebClient client;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean closed;

    private HttpSink(String name, Settings settings, WebClient client) {
        this.name = name;
        this.settings = settings;
        this.client = client;
    }

    static HttpSink create(Vertx vertx, String name, Settings s) {
        WebClientOptions options = new WebClientOptions().setUserAgent("switchboard-gateway")
                .setFollowRedirects(false).setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, s.timeout().toMillis()));
        WebClient client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(s.concurrency())
                .setMaxWaitQueueSize(10_000));
        return new HttpSink(name, s, client);
    }

    @Override
    public int maxInFlightBatches() {
        return 1;
    }

    @Override
    public Future<List<DeliveryResult>> deliver(List<Delivery> batch) {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("sink " + name + " is closed"));
        }
        if (settings.batchSize() > 0) {
            return inChunks(batch);
        }
        DeliveryResult[] results = new DeliveryResult[batch.size()];
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> lanes = new ArrayList<>();
        for (int i = 0; i < Math.min(settings.concurrency(), batch.size()); i++) {
            lanes.add(lane(batch, results, next));
        }
        return Future.all(lanes).map(v -> Arrays.asList(results));
    }

    /** Takes the next delivery until none is left: {@code concurrency} lanes run at once, results keep their index. */
    private Future<Void> lane(List<Delivery> batch, DeliveryResult[] results, AtomicInteger next) {
        int i = next.getAndIncrement();
        if (i >= batch.size()) {
            return Future.succeededFuture();
        }
        return one(batch.get(i)).compose(r -> {
            results[i] = r;
            return lane(batch, results, next);
        });
    }

    private Future<DeliveryResult> one(Delivery d) {
        JsonObject contact = ContactJson.toJson(d.contact());
        HttpRequest<Buffer> req;
        Buffer body;
        try {
            req = request(contact);
            body = Buffer.buffer(Json.encode(settings.body() == null ? contact : settings.body().render(contact)));
        } catch (ContactTemplate.MissingValueException e) {
            return Future.succeededFuture(DeliveryResult.failed("request cannot be built: " + e.getMessage()));
        }
        if (settings.idempotencyHeader() != null) {
            req.putHeader(settings.idempotencyHeader(), d.idempotencyKey());
        }
        return req.sendBuffer(body)
                .map(resp -> single(resp, d))
                .recover(e -> Future.succeededFuture(transportFailure(e, d.idempotencyKey())));
    }

    private HttpRequest<Buffer> request(JsonObject contact) {
        String url = settings.baseUrl() + settings.path().render(contact, ContactTemplate.Target.PATH);
        HttpRequest<Buffer> req = client.requestAbs(settings.method(), url)
                .timeout(settings.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json");
        if (settings.auth().header() != null) {
            req.putHeader(settings.auth().header(), settings.auth().value());
        }
        settings.headers().forEach((k, t) -> {
            String v = t.render(contact, ContactTemplate.Target.HEADER);
            if (!v.isEmpty()) {
                req.putHeader(k, v);
            }
        });
        return req;
    }

    private DeliveryResult single(HttpResponse<Buffer> resp, Delivery d) {
        int code = resp.statusCode();
        if (code >= 200 && code < 300) {
            return DeliveryResult.delivered(ref(json(resp), settings.externalRef()));
        }
        return failure(resp, d.idempotencyKey());
    }

    private DeliveryResult failure(HttpResponse<Buffer> resp, String contactId) {
        int code = resp.statusCode();
        boolean retry = code == 408 || code == 429 || code >= 500;
        LOG.atWarn().setMessage(retry ? "http sink target answered with a retryable status"
                        : "http sink target refused the contact: dead letter")
                .addKeyValue("sink", name).addKeyValue("status", code).addKeyValue("contact", contactId).log();
        if (retry) {
            return DeliveryResult.retry("http " + code, RetryAfter.parse(resp.getHeader("Retry-After"), clock.instant()));
        }
        return DeliveryResult.failed("http " + code);
    }

    private DeliveryResult transportFailure(Throwable e, String contactId) {
        String reason = e instanceof TimeoutException || String.valueOf(e.getMessage()).contains("timeout")
                ? "timeout" : e.getClass().getSimpleName();
        LOG.atWarn().setMessage("http sink request failed").addKeyValue("sink", name).addKeyValue("reason", reason)
                .addKeyValue("contact", contactId).log();
        return DeliveryResult.retry(reason, null);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Batch mode

    private Future<List<DeliveryResult>> inChunks(List<Delivery> batch) {
        List<DeliveryResult> out = new ArrayList<>(batch.size());
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < batch.size(); from += settings.batchSize()) {
            List<Delivery> chunk = batch.subList(from, Math.min(batch.size(), from + settings.batchSize()));
            chain = chain.compose(v -> chunk(chunk).map(rs -> {
                out.addAll(rs);
                return null;
            }));
        }
        return chain.map(v -> out);
    }

    private Future<List<DeliveryResult>> chunk(List<Delivery> chunk) {
        DeliveryResult[] results = new DeliveryResult[chunk.size()];
        JsonArray items = new JsonArray();
        List<Integer> sent = new ArrayList<>();
        JsonObject first = null;
        for (int i = 0; i < chunk.size(); i++) {
            JsonObject contact = ContactJson.toJson(chunk.get(i).contact());
            first = first == null ? contact : first;
            try {
                items.add(settings.body() == null ? contact : settings.body().render(contact));
                sent.add(i);
            } catch (ContactTemplate.MissingValueException e) {
                results[i] = DeliveryResult.failed("request cannot be built: " + e.getMessage());
            }
        }
        if (sent.isEmpty()) {
            return Future.succeededFuture(Arrays.asList(results));
        }
        HttpRequest<Buffer> req;
        try {
            req = request(first);
        } catch (ContactTemplate.MissingValueException e) {
            return Future.succeededFuture(chunk.stream().map(d -> DeliveryResult.failed("request cannot be built: "
                    + e.getMessage())).toList());
        }
        List<String> ids = sent.stream().map(i -> chunk.get(i).idempotencyKey()).toList();
        if (settings.idempotencyHeader() != null) {
            req.putHeader(settings.idempotencyHeader(), batchKey(ids));
        }
        Promise<List<DeliveryResult>> done = Promise.promise();
        req.sendBuffer(Buffer.buffer(new JsonObject().put(settings.batchField(), items).encode())).onComplete(ar -> {
            if (ar.failed()) {
                DeliveryResult r = transportFailure(ar.cause(), ids.get(0));
                sent.forEach(i -> results[i] = r);
                done.complete(Arrays.asList(results));
                return;
            }
            HttpResponse<Buffer> resp = ar.result();
            int code = resp.statusCode();
            if (code >= 200 && code < 300) {
                Map<String, String> refs = batchRefs(json(resp));
                for (int i : sent) {
                    String id = chunk.get(i).idempotencyKey();
                    if (code == 207 && !refs.containsKey(id)) {
                        results[i] = DeliveryResult.retry("http 207: not among the results", null);
                    } else {
                        results[i] = DeliveryResult.delivered(refs.get(id));
                    }
                }
                done.complete(Arrays.asList(results));
            } else if (code >= 400 && code < 500 && code != 401 && code != 403 && code != 408 && code != 429
                    && sent.size() > 1) {
                // One refused item refuses the whole request: find it by sending each alone.
                LOG.atWarn().setMessage("http sink batch refused; sending its contacts one by one").addKeyValue("sink", name)
                        .addKeyValue("status", code).addKeyValue("count", sent.size()).log();
                List<Delivery> each = sent.stream().map(chunk::get).toList();
                Future<Void> chain = Future.succeededFuture();
                for (int k = 0; k < each.size(); k++) {
                    int index = sent.get(k);
                    Delivery d = each.get(k);
                    chain = chain.compose(v -> chunk(List.of(d)).map(rs -> {
                        results[index] = rs.get(0);
                        return null;
                    }));
                }
                chain.onComplete(x -> done.complete(Arrays.asList(results)));
            } else {
                DeliveryResult r = failure(resp, ids.get(0));
                sent.forEach(i -> results[i] = r);
                done.complete(Arrays.asList(results));
            }
        });
        return done.future();
    }

    private Map<String, String> batchRefs(Object answer) {
        Map<String, String> refs = new HashMap<>();
        if (answer == null || settings.batchResults() == null || settings.batchMatch() == null) {
            return refs;
        }
        if (settings.batchResults().queryJson(answer) instanceof JsonArray results) {
            for (Object r : results) {
                Object id = settings.batchMatch().queryJson(r);
                if (id != null) {
                    refs.put(String.valueOf(id), ref(r, settings.externalRef()));
                }
            }
        }
        return refs;
    }

    private static String batchKey(List<String> ids) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(String.join(",", ids).getBytes(StandardCharsets.UTF_8));
            return "batch-" + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Object json(HttpResponse<Buffer> resp) {
        Buffer b = resp.body();
        if (b == null || b.length() == 0) {
            return null;
        }
        try {
            return Json.decodeValue(b);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String ref(Object answer, JsonPointer pointer) {
        if (answer == null || pointer == null) {
            return null;
        }
        Object v = pointer.queryJson(answer);
        return v == null || v instanceof JsonObject || v instanceof JsonArray ? null : String.valueOf(v);
    }

    @Override
    public Future<Void> close() {
        if (closed) {
            return Future.succeededFuture();
        }
        closed = true;
        client.close();
        return Future.succeededFuture();
    }
}

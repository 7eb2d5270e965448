package io.switchboard.plugin.identity;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A read-through lookup against a CRM's HTTP API, for identifiers the customer directory does not have.
 *
 * <p>The request is {@code GET <url>?tenant=<tenant>&type=<identifier type>&value=<normalised value>} with
 * {@code Accept: application/json} (and {@code Authorization: Bearer <token>} when a token is configured). The
 * answer is {@code 200} with {@code {"customers": [{"id": "…", "name": "…", "tier": "…", "identifiers":
 * [{"type": "phone", "value": "+44…"}]}]}}, or {@code 404} (or an empty list) for no match. A CRM with another
 * API is put behind a small adapter that answers this.
 *
 * <p>Answers are cached (hits for {@code cacheTtl}, misses for {@code missCacheTtl}, at most {@code cacheSize}
 * entries, least recently used evicted). Calls run under a time limit inside their own circuit breaker
 * ({@code <chain>.<step>.crm}, counting timeouts, 5xx, other unexpected statuses and unreadable answers); when the
 * breaker is open, or a call fails, the lookup answers {@link Status#UNAVAILABLE} and matching goes on with the
 * directory alone. Thread-safe.
 */
final class CrmLookup {

    private static final Logger LOG = LoggerFactory.getLogger(CrmLookup.class);

    /** How a lookup went. */
    enum Status {
        /** Answered from the cache. */
        CACHED,
        /** The CRM answered. */
        ANSWERED,
        /** The breaker is open or the call failed. */
        UNAVAILABLE
    }

    /**
     * A lookup's answer.
     *
     * @param customers customers having the identifier (possibly none)
     * @param status    how it was obtained
     */
    record Answer(List<CustomerRecord> customers, Status status) {
    }

    /**
     * The lookup's settings.
     *
     * @param url          the lookup endpoint
     * @param token        bearer token, or null
     * @param timeout      time limit per call
     * @param cacheTtl     how long a hit is cached
     * @param missCacheTtl how long a miss is cached
     * @param cacheSize    most entries cached
     * @param failureRate  failure rate (percent) that opens the breaker
     * @param window       calls in the breaker's sliding window
     * @param minimumCalls calls before the failure rate counts
     * @param openFor      how long the breaker stays open before trying again
     */
    record Settings(String url, String token, Duration timeout, Duration cacheTtl, Duration missCacheTtl, int cacheSize,
                    int failureRate, int window, int minimumCalls, Duration openFor) {
    }

    private record Entry(List<CustomerRecord> customers, long expiresAt) {
    }

    private final Vertx vertx;
    private final WebClient client;
    private final Settings settings;
    private final PhoneNumbers phones;
    private final CircuitBreaker breaker;
    private final Map<String, Entry> cache;

    CrmLookup(Vertx vertx, Settings settings, PhoneNumbers phones, String name) {
        this.vertx = vertx;
        this.settings = settings;
        this.phones = phones;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()))
                .setUserAgent("switchboard-identity"));
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRate())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(Throwable.class)
                .build());
        this.breaker.getEventPublisher().onStateTransition(e -> LOG.atInfo()
                .setMessage("CRM lookup circuit breaker changed state")
                .addKeyValue("breaker", e.getCircuitBreakerName())
                .addKeyValue("from", e.getStateTransition().getFromState())
                .addKeyValue("to", e.getStateTransition().getToState()).log());
        int size = settings.cacheSize();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > size;
            }
        };
    }

    /** @return the breaker, for metrics and tests */
    CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * @param tenant     the tenant
     * @param identifier a normalised identifier
     * @return the customers the CRM has with it, in that tenant; never a failed future
     */
    Future<Answer> find(String tenant, Identifier identifier) {
        String key = tenant + "\u0000" + identifier.type() + "\u0000" + identifier.value();
        long now = System.nanoTime();
        synchronized (cache) {
            Entry e = cache.get(key);
            if (e != null && e.expiresAt() - now > 0) {
                return Future.succeededFuture(new Answer(e.customers(), Status.CACHED));
            }
        }
        if (!breaker.tryAcquirePermission()) {
            return Future.succeededFuture(new Answer(List.of(), Status.UNAVAILABLE));
        }
        long start = System.nanoTime();
        return call(tenant, identifier).transform(ar -> {
            long took = System.nanoTime() - start;
            if (ar.failed()) {
                breaker.onError(took, TimeUnit.NANOSECONDS, ar.cause());
                LOG.atDebug().setMessage("CRM lookup failed").addKeyValue("breaker", breaker.getName())
                        .addKeyValue("identifierType", identifier.type())
                        .addKeyValue("error", ar.cause().getClass().getSimpleName()).log();
                return Future.succeededFuture(new Answer(List.of(), Status.UNAVAILABLE));
            }
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            List<CustomerRecord> found = ar.result();
            Duration ttl = found.isEmpty() ? settings.missCacheTtl() : settings.cacheTtl();
            synchronized (cache) {
                cache.put(key, new Entry(found, System.nanoTime() + ttl.toNanos()));
            }
            return Future.succeededFuture(new Answer(found, Status.ANSWERED));
        });
    }

    private Future<List<CustomerRecord>> call(String tenant, Identifier identifier) {
        Promise<List<CustomerRecord>> done = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, settings.timeout().toMillis()), id -> done.tryFail(
                new TimeoutException("CRM lookup took longer than " + settings.timeout().toMillis() + " ms")));
        HttpRequest<Buffer> req;
        try {
            req = client.getAbs(settings.url())
                    .addQueryParam("tenant", tenant)
                    .addQueryParam("type", identifier.type())
                    .addQueryParam("value", identifier.value())
                    .putHeader("Accept", "application/json")
                    .idleTimeout(settings.timeout().toMillis());
        } catch (RuntimeException e) {
            vertx.cancelTimer(timer);
            return Future.failedFuture(e);
        }
        if (settings.token() != null) {
            req.bearerTokenAuthentication(settings.token());
        }
        req.send().onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.failed()) {
                done.tryFail(ar.cause());
                return;
            }
            try {
                done.tryComplete(parse(ar.result(), tenant, identifier));
            } catch (RuntimeException e) {
                done.tryFail(e);
            }
        });
        return done.future();
    }

    private List<CustomerRecord> parse(HttpResponse<Buffer> r, String tenant, Identifier queried) {
        if (r.statusCode() == 404) {
            return List.of();
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("CRM lookup answered " + r.statusCode());
        }
        JsonObject body;
        try {
            body = r.bodyAsJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalStateException("CRM lookup answer is not a JSON object");
        }
        if (body == null || !(body.getValue("customers") instanceof JsonArray arr)) {
            throw new IllegalStateException("CRM lookup answer has no customers array");
        }
        List<CustomerRecord> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            if (!(arr.getValue(i) instanceof JsonObject c) || !(c.getValue("id") instanceof String id) || id.isBlank()) {
                throw new IllegalStateException("CRM lookup answer has a customer without an id");
            }
            List<Identifier> ids = new ArrayList<>();
            ids.add(queried);
            if (c.getValue("identifiers") instanceof JsonArray ia) {
                for (int k = 0; k < ia.size(); k++) {
                    Identifier n = ia.getValue(k) instanceof JsonObject io ? normalise(io) : null;
                    if (n != null && !ids.contains(n)) {
                        ids.add(n);
                    }
                }
            }
            out.add(new CustomerRecord(tenant, id.strip(), str(c, "name"), str(c, "tier"), ids));
        }
        return out;
    }

    private Identifier normalise(JsonObject o) {
        String type = str(o, "type");
        String value = str(o, "value");
        if (type == null || value == null) {
            return null;
        }
        String v = switch (type) {
            case Identifier.PHONE -> phones.normalise(value, null, Assurance.PROVIDER).e164();
            case Identifier.EMAIL -> Normalise.email(value);
            default -> value.strip();
        };
        return v == null || v.isEmpty() ? null : new Identifier(type, v);
    }

    private static String str(JsonObject o, String key) {
        Object v = o.getValue(key);
        return v instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    /** Closes the HTTP client. */
    void close() {
        client.close();
    }
}

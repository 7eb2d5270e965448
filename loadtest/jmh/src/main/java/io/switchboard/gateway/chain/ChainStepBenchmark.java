package io.switchboard.gateway.chain;

import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.contact.ChannelRef;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.Visibility;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.ContactPluginFactory;
import io.switchboard.spi.plugin.PluginContext;
import io.switchboard.spi.plugin.PluginInitContext;
import io.switchboard.spi.plugin.PluginResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The cost a chain step adds to a plugin call: a no-op plugin behind all four wrappers (rate limiter, bulkhead,
 * circuit breaker, time limit, with the step's meters) against the same plugin called bare. Per contact and step,
 * in microseconds; the difference between a guarded and a bare benchmark of the same shape is the overhead.
 *
 * <ul>
 *   <li>{@code bare} / {@code guarded}: the plugin answers with a completed future (a pure-computation plugin),
 *       called from the benchmark thread;</li>
 *   <li>{@code bareAsync} / {@code guardedAsync}: the plugin answers later on the event loop (an I/O plugin), so
 *       the time limit's Vert.x timer is set and cancelled for every call; batches of calls run on one event loop;</li>
 *   <li>{@code chainOfFour}: a whole chain of four guarded steps per contact (including the contact's final
 *       processing state), against {@code bareFour}, four bare calls.</li>
 * </ul>
 *
 * Run: see {@code loadtest/jmh/README.md}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ChainStepBenchmark {

    /** Calls per invocation of the asynchronous benchmarks. */
    public static final int BATCH = 1000;

    Vertx vertx;
    Context context;
    BlockingPool pool;
    Contact contact;
    PluginContext call;
    ContactPlugin noop;
    ContactPlugin asyncNoop;
    Step step;
    Step asyncStep;
    Chain four;

    /** A factory the steps are declared with (the benchmark creates the plugins itself). */
    static final class NoopFactory implements ContactPluginFactory {
        @Override
        public String name() {
            return "noop";
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public ConfigSpec configSpec() {
            return ConfigSpec.empty();
        }

        @Override
        public ContactPlugin create(PluginInitContext context) {
            return (c, x) -> Future.succeededFuture(PluginResult.proceed(c));
        }
    }

    /** A step with every wrapper on, limits far above what the benchmark reaches. */
    static StepConfig config(String name) {
        return new StepConfig("bench", 0, name, "noop", new NoopFactory(), PluginRegistry.CLASS_PATH,
                ConfigValues.defaults(ConfigSpec.empty()), false, FailurePolicy.SKIP, Duration.ofSeconds(2),
                Duration.ofSeconds(10), new StepConfig.RateLimit(1_000_000_000, Duration.ofSeconds(1), Duration.ZERO),
                new StepConfig.Bulkhead(100_000),
                new StepConfig.Breaker(50, 100, Duration.ofSeconds(1), "count", 100, 100, Duration.ofSeconds(30), 3));
    }

    /** Builds the steps. */
    @Setup(Level.Trial)
    public void setUp() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        pool = new BlockingPool(1, 16);
        GatewayMetrics metrics = GatewayMetrics.create();
        contact = Contact.builder().id("01a2118c-4d9e-7f36-9a0b-6c0e1d2f3a4b").channel(new ChannelRef("web", "web-form"))
                .kind(ContactKind.FORM).visibility(Visibility.PRIVATE).receivedAt(Instant.parse("2026-11-25T10:00:00Z"))
                .provider(new ProviderRef("web", null, "evt-1", "form")).content(Content.text("benchmark")).build();
        call = new PluginContext() {
            @Override
            public Vertx vertx() {
                return vertx;
            }

            @Override
            public String chain() {
                return "bench";
            }

            @Override
            public String step() {
                return "noop";
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        };
        noop = (c, x) -> Future.succeededFuture(PluginResult.proceed(c));
        asyncNoop = (c, x) -> {
            Promise<PluginResult> p = Promise.promise();
            context.runOnContext(v -> p.complete(PluginResult.proceed(c)));
            return p.future();
        };
        step = new Step(vertx, config("noop"), noop, pool, metrics.step("bench", "noop"), Clock.systemUTC());
        asyncStep = new Step(vertx, config("async"), asyncNoop, pool, metrics.step("bench", "async"), Clock.systemUTC());
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            steps.add(new Step(vertx, config("s" + i), noop, pool, metrics.step("bench", "s" + i), Clock.systemUTC()));
        }
        four = new Chain("bench", steps);
    }

    /** Closes Vert.x. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        pool.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** @return the plugin's answer, called bare */
    @Benchmark
    public Object bare() {
        return noop.apply(contact, call).result();
    }

    /** @return the step's outcome: the same plugin behind rate limiter, bulkhead, breaker and time limit */
    @Benchmark
    public Object guarded() {
        return step.call(contact).result();
    }

    /** @return four bare calls, as four steps would make */
    @Benchmark
    public Object bareFour() {
        Contact c = contact;
        for (int i = 0; i < 4; i++) {
            c = ((PluginResult.Proceed) noop.apply(c, call).result()).contact();
        }
        return c;
    }

    /** @return one contact through a chain of four guarded steps */
    @Benchmark
    public Object chainOfFour() {
        return four.run(contact, 0).result();
    }

    /** Runs a batch of calls on the event loop and waits until every answer has arrived. */
    void batch(Function<Contact, Future<?>> fn) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.runOnContext(v -> {
            int[] remaining = {BATCH};
            for (int i = 0; i < BATCH; i++) {
                fn.apply(contact).onComplete(ar -> {
                    if (--remaining[0] == 0) {
                        done.countDown();
                    }
                });
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("batch did not complete");
        }
    }

    /** Asynchronous plugin called bare, in batches on the event loop. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void bareAsync() throws InterruptedException {
        batch(c -> asyncNoop.apply(c, call));
    }

    /** Asynchronous plugin behind the step's wrappers (a time-limit timer per call), in batches on the event loop. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void guardedAsync() throws InterruptedException {
        batch(asyncStep::call);
    }
}

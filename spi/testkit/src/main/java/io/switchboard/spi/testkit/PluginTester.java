package io.switchboard.spi.testkit;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.SecretResolver;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.plugin.BlockingContactPlugin;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.ContactPluginFactory;
import io.switchboard.spi.plugin.PluginContext;
import io.switchboard.spi.plugin.PluginInitContext;
import io.switchboard.spi.plugin.PluginResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one plugin the way a gateway chain step runs it, without a gateway.
 *
 * <ul>
 *   <li><b>Creation:</b> the plugin's configuration (a map, as it would be written under the step's
 *       {@code config:} in {@code gateway.yaml}) is validated against the factory's {@link ConfigSpec}; every
 *       problem is reported at once in a {@link ConfigException}, exactly as the gateway reports it (the gateway
 *       prefixes each key path with the step's path, {@code chains.<chain>.steps[<n>].config.}). Problems the
 *       factory itself raises from {@code create} are reported the same way. The factory's SPI version is
 *       checked as the gateway checks it.</li>
 *   <li><b>Calls:</b> {@link #run(Contact)} calls {@code apply} on a Vert.x event loop (a real Vert.x: timers and
 *       clients work), or {@code applyBlocking} on a worker thread for a blocking plugin, under a time limit
 *       kept with a Vert.x timer, and classifies the result as the gateway does ({@link PluginOutcome}).
 *       {@code apply} holding the event loop longer than {@link Builder#maxEventLoopBlock(Duration)} fails the
 *       run with an {@link AssertionError}: in the gateway it would stall every contact on that loop.</li>
 *   <li><b>Services:</b> {@link PluginInitContext#service(Class)} returns what the test registered, e.g.
 *       {@link InMemoryCustomerDirectory} or {@link InMemoryConversations}, possibly wrapped in
 *       {@link ServiceFaults} to simulate failures and timeouts.</li>
 * </ul>
 *
 * <pre>{@code
 * try (PluginTester t = PluginTester.of(new BusinessHoursFactory())
 *         .config(Map.of("timeZone", "Europe/London", "open", "09:00", "close", "17:30"))
 *         .clock(TestClock.at("2026-11-25T20:00:00Z"))
 *         .build()) {
 *     assertThat(t.run(TestContacts.sms().text("hello").build())).proceeded().hasTag("after-hours");
 * }
 * }</pre>
 *
 * <p>Thread-safety: {@code run} may be called from several test threads at once (a plugin instance serves
 * concurrent calls in the gateway too), never from a Vert.x thread. Close the tester to close the plugin and,
 * when the tester created it, its Vert.x instance.
 */
public final class PluginTester implements AutoCloseable {

    private final ContactPluginFactory factory;
    private final ContactPlugin plugin;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Context context;
    private final PluginContext callContext;
    private final Duration timeLimit;
    private final Duration maxEventLoopBlock;
    private final boolean blocking;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PluginTester(Builder b, ContactPlugin plugin, Vertx vertx, boolean ownsVertx) {
        this.factory = b.factory;
        this.plugin = plugin;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.context = vertx.getOrCreateContext();
        this.callContext = new CallContext(vertx, b.chain, b.step, b.clock);
        this.timeLimit = b.timeLimit;
        this.maxEventLoopBlock = b.maxEventLoopBlock;
        this.blocking = b.blocking != null ? b.blocking : factory.blocking() || plugin instanceof BlockingContactPlugin;
    }

    /**
     * Starts configuring a tester.
     *
     * @param factory the plugin's factory, as {@code ServiceLoader} would find it
     * @return a builder
     */
    public static Builder of(ContactPluginFactory factory) {
        return new Builder(factory);
    }

    /**
     * Validates a configuration against a factory's spec without creating the plugin.
     *
     * @param factory the factory
     * @param config  the step's {@code config:} mapping
     * @return every problem found, with key paths relative to the step's {@code config:}; empty when valid
     */
    public static List<ConfigProblem> validate(ContactPluginFactory factory, Map<String, ?> config) {
        return factory.configSpec().validate(toJson(config), SecretResolver.none()).problems();
    }

    /** @return the plugin under test */
    public ContactPlugin plugin() {
        return plugin;
    }

    /** @return the Vert.x instance the plugin runs on */
    public Vertx vertx() {
        return vertx;
    }

    /** @return the context each call sees */
    public PluginContext callContext() {
        return callContext;
    }

    /** @return whether calls run on a worker thread (the factory or the builder said blocking) */
    public boolean blocking() {
        return blocking;
    }

    /**
     * Runs the plugin on one contact and waits for the outcome.
     *
     * @param contact the contact
     * @return the outcome
     * @throws AssertionError        when {@code apply} held the event loop too long
     * @throws IllegalStateException when called on a Vert.x thread
     */
    public PluginOutcome run(Contact contact) {
        if (Context.isOnVertxThread()) {
            throw new IllegalStateException("PluginTester.run waits for the outcome: call it from the test thread, "
                    + "or use runAsync on a Vert.x thread");
        }
        PluginOutcome outcome = await(runAsync(contact));
        checkEventLoop(outcome);
        return outcome;
    }

    /**
     * Runs the plugin on several contacts at once (concurrent calls on one plugin instance, as in the gateway)
     * and waits for every outcome.
     *
     * @param contacts the contacts
     * @return the outcomes, in the order of the contacts
     */
    public List<PluginOutcome> runAll(Collection<Contact> contacts) {
        List<Future<PluginOutcome>> futures = new ArrayList<>();
        contacts.forEach(c -> futures.add(runAsync(c)));
        List<PluginOutcome> out = new ArrayList<>();
        for (Future<PluginOutcome> f : futures) {
            PluginOutcome o = await(f);
            checkEventLoop(o);
            out.add(o);
        }
        return out;
    }

    private void checkEventLoop(PluginOutcome outcome) {
        if (!maxEventLoopBlock.isZero() && outcome.eventLoopTime().compareTo(maxEventLoopBlock) > 0) {
            throw new AssertionError("plugin '" + factory.name() + "' held the event loop for "
                    + outcome.eventLoopTime().toMillis() + " ms before returning its future (limit "
                    + maxEventLoopBlock.toMillis() + " ms): do I/O with Vert.x clients, or make it a "
                    + "BlockingContactPlugin");
        }
    }

    private PluginOutcome await(Future<PluginOutcome> f) {
        try {
            return f.toCompletionStage().toCompletableFuture()
                    .get(timeLimit.toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the test kit failed to run the plugin", e);
        }
    }

    /**
     * Runs the plugin on one contact without waiting.
     *
     * @param contact the contact
     * @return the outcome; never fails
     */
    public Future<PluginOutcome> runAsync(Contact contact) {
        Objects.requireNonNull(contact, "contact");
        Promise<PluginOutcome> done = Promise.promise();
        context.runOnContext(v -> call(contact, done));
        return done.future();
    }

    private void call(Contact contact, Promise<PluginOutcome> done) {
        long start = System.nanoTime();
        Future<PluginResult> f;
        long held = 0;
        try {
            if (blocking) {
                f = context.executeBlocking(() -> plugin instanceof BlockingContactPlugin bp
                                ? Future.succeededFuture(bp.applyBlocking(contact, callContext))
                                : plugin.apply(contact, callContext), false)
                        .compose(inner -> inner == null ? Future.failedFuture(new NullFuture()) : inner);
            } else {
                f = plugin.apply(contact, callContext);
                held = System.nanoTime() - start;
                if (f == null) {
                    f = Future.failedFuture(new NullFuture());
                }
            }
        } catch (Throwable t) {
            held = blocking ? 0 : System.nanoTime() - start;
            f = Future.failedFuture(t);
        }
        Duration eventLoop = Duration.ofNanos(held);
        long timer = vertx.setTimer(Math.max(1, timeLimit.toMillis()), id -> done.tryComplete(new PluginOutcome(
                PluginOutcome.Kind.TIMED_OUT, contact, null, "timeout", null, since(start), eventLoop)));
        f.onComplete(ar -> {
            vertx.cancelTimer(timer);
            done.tryComplete(classify(contact, ar.succeeded() ? ar.result() : null, ar.cause(), since(start), eventLoop));
        });
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Classifies a plugin's answer as the gateway does.
     *
     * @param input   the contact given
     * @param result  the result, or null
     * @param error   the failure, or null
     * @param elapsed how long it took
     * @param held    how long it held the event loop
     * @return the outcome
     */
    static PluginOutcome classify(Contact input, PluginResult result, Throwable error, Duration elapsed, Duration held) {
        if (error instanceof NullFuture) {
            return new PluginOutcome(PluginOutcome.Kind.FAILED, input, null, "null-result", error, elapsed, held);
        }
        if (error != null) {
            return new PluginOutcome(PluginOutcome.Kind.FAILED, input, null,
                    "error:" + error.getClass().getSimpleName(), error, elapsed, held);
        }
        if (result == null) {
            return new PluginOutcome(PluginOutcome.Kind.FAILED, input, null, "null-result", null, elapsed, held);
        }
        if (result instanceof PluginResult.Reject r) {
            return new PluginOutcome(PluginOutcome.Kind.REJECTED, input, null, r.reason(), null, elapsed, held);
        }
        Contact out = ((PluginResult.Proceed) result).contact();
        if (!out.id().equals(input.id())) {
            return new PluginOutcome(PluginOutcome.Kind.FAILED, input, null, "invalid-result",
                    new IllegalStateException("the plugin proceeded with a different contact id"), elapsed, held);
        }
        return new PluginOutcome(PluginOutcome.Kind.PROCEEDED, input, out, null, null, elapsed, held);
    }

    /** Closes the plugin, then the Vert.x instance when the tester created it. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Promise<Void> p = Promise.promise();
            context.runOnContext(v -> {
                try {
                    Future<Void> c = plugin.close();
                    (c == null ? Future.<Void>succeededFuture() : c).onComplete(p);
                } catch (RuntimeException e) {
                    p.fail(e);
                }
            });
            p.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("plugin '" + factory.name() + "' did not close cleanly", e);
        } finally {
            if (ownsVertx) {
                try {
                    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // best effort
                }
            }
        }
    }

    static JsonObject toJson(Map<String, ?> map) {
        JsonObject o = new JsonObject();
        if (map != null) {
            map.forEach((k, v) -> o.put(k, toJsonValue(v)));
        }
        return o;
    }

    private static Object toJsonValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            JsonObject o = new JsonObject();
            m.forEach((k, x) -> o.put(String.valueOf(k), toJsonValue(x)));
            return o;
        }
        if (v instanceof Collection<?> c) {
            JsonArray a = new JsonArray();
            c.forEach(x -> a.add(toJsonValue(x)));
            return a;
        }
        if (v instanceof Object[] arr) {
            JsonArray a = new JsonArray();
            for (Object x : arr) {
                a.add(toJsonValue(x));
            }
            return a;
        }
        if (v instanceof Duration d) {
            return d.toMillis() + "ms";
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        return v;
    }

    /** A null future from {@code apply}: the gateway counts it as a failure. */
    private static final class NullFuture extends IllegalStateException {
        NullFuture() {
            super("the plugin returned a null future or result");
        }
    }

    private record CallContext(Vertx vertx, String chain, String step, Clock clock) implements PluginContext {
    }

    private record InitContext(Vertx vertx, String chain, String step, ConfigValues config, Path configDirectory,
                               PhoneNumbers phoneNumbers, Clock clock, Map<Class<?>, Object> services)
            implements PluginInitContext {
        @Override
        public <T> Optional<T> service(Class<T> type) {
            return Optional.ofNullable(services.get(type)).map(type::cast);
        }
    }

    /** Configures a {@link PluginTester}. */
    public static final class Builder {
        private final ContactPluginFactory factory;
        private final Map<String, Object> config = new LinkedHashMap<>();
        private final Map<String, String> env = new HashMap<>();
        private final Map<Class<?>, Object> services = new HashMap<>();
        private Vertx vertx;
        private Clock clock = Clock.systemUTC();
        private String chain = "test";
        private String step;
        private Path configDirectory = Path.of("").toAbsolutePath();
        private PhoneNumbers phones = TestPhoneNumbers.get();
        private Duration timeLimit = Duration.ofSeconds(5);
        private Duration maxEventLoopBlock = Duration.ofMillis(200);
        private Boolean blocking;

        private Builder(ContactPluginFactory factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
            this.step = factory.name();
        }

        /**
         * @param values the step's {@code config:} mapping; nested maps and lists are allowed, durations may be
         *               given as strings ({@code 5s}) or {@link Duration}s
         * @return this
         */
        public Builder config(Map<String, ?> values) {
            config.putAll(values);
            return this;
        }

        /**
         * @param values the step's {@code config:} mapping as JSON
         * @return this
         */
        public Builder config(JsonObject values) {
            config.putAll(values.getMap());
            return this;
        }

        /**
         * @param key   one configuration key
         * @param value its value
         * @return this
         */
        public Builder config(String key, Object value) {
            config.put(key, value);
            return this;
        }

        /**
         * @param variables environment variables that {@code ${env:NAME}} secrets resolve from
         * @return this
         */
        public Builder env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        /**
         * @param directory the configuration directory: relative paths in the config and {@code ${file:…}}
         *                  secrets resolve against it (default: the working directory)
         * @return this
         */
        public Builder configDirectory(Path directory) {
            this.configDirectory = directory.toAbsolutePath();
            return this;
        }

        /**
         * @param vertx a Vert.x instance to run on (e.g. from {@code VertxExtension}); the tester then does not
         *              close it. Default: a new one, closed with the tester.
         * @return this
         */
        public Builder vertx(Vertx vertx) {
            this.vertx = vertx;
            return this;
        }

        /** @param clock the clock the plugin reads, e.g. a {@link TestClock} @return this */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * @param chain the chain name the plugin sees (default {@code test})
         * @param step  the step name (default: the factory's name)
         * @return this
         */
        public Builder step(String chain, String step) {
            this.chain = Objects.requireNonNull(chain);
            this.step = Objects.requireNonNull(step);
            return this;
        }

        /** @param phoneNumbers the phone normaliser (default {@link TestPhoneNumbers}) @return this */
        public Builder phoneNumbers(PhoneNumbers phoneNumbers) {
            this.phones = Objects.requireNonNull(phoneNumbers);
            return this;
        }

        /**
         * @param limit the step's time limit (default 5 s): a call still running then is {@link PluginOutcome.Kind#TIMED_OUT}
         * @return this
         */
        public Builder timeLimit(Duration limit) {
            if (limit.isZero() || limit.isNegative()) {
                throw new IllegalArgumentException("timeLimit must be positive, but was " + limit);
            }
            this.timeLimit = limit;
            return this;
        }

        /**
         * @param limit how long {@code apply} may hold the event loop before the run fails (default 200 ms);
         *              {@link Duration#ZERO} turns the check off
         * @return this
         */
        public Builder maxEventLoopBlock(Duration limit) {
            this.maxEventLoopBlock = Objects.requireNonNull(limit);
            return this;
        }

        /**
         * @param blocking run the plugin on a worker thread, as a step with {@code blocking: true} does (default:
         *                 the factory's {@code blocking()}, or true for a {@link BlockingContactPlugin})
         * @return this
         */
        public Builder blocking(boolean blocking) {
            this.blocking = blocking;
            return this;
        }

        /**
         * Offers a service to the plugin through {@link PluginInitContext#service(Class)}.
         *
         * @param type    the service interface, e.g. {@code CustomerDirectory.class}
         * @param service the implementation, e.g. an {@link InMemoryCustomerDirectory}
         * @param <T>     the service type
         * @return this
         */
        public <T> Builder service(Class<T> type, T service) {
            services.put(type, type.cast(service));
            return this;
        }

        /**
         * Offers a service with simulated faults.
         *
         * @param faults the faulty service
         * @param <T>    the service type
         * @return this
         */
        public <T> Builder service(ServiceFaults<T> faults) {
            return service(faults.type(), faults.service());
        }

        /**
         * Validates the configuration and creates the plugin.
         *
         * @return the tester
         * @throws ConfigException       with every configuration problem, key paths relative to the step's
         *                               {@code config:}
         * @throws IllegalStateException when the factory was built for an incompatible SPI
         */
        public PluginTester build() {
            String built = factory.spiVersion();
            if (built == null || !SpiVersion.isCompatible(built, SpiVersion.CURRENT)) {
                throw new IllegalStateException("plugin '" + factory.name() + "' (" + factory.getClass().getName()
                        + ") was built for SPI " + built + ", but this test kit runs SPI " + SpiVersion.CURRENT);
            }
            SecretResolver secrets = (scheme, name) -> {
                if ("env".equals(scheme)) {
                    return Optional.ofNullable(env.get(name));
                }
                if ("file".equals(scheme)) {
                    try {
                        return Optional.of(Files.readString(configDirectory.resolve(name), StandardCharsets.UTF_8).strip());
                    } catch (IOException | SecurityException e) {
                        return Optional.empty();
                    }
                }
                return Optional.empty();
            };
            String source = "plugin '" + factory.name() + "'";
            ConfigSpec.Validation v = factory.configSpec().validate(toJson(config), secrets);
            if (!v.isValid()) {
                throw new ConfigException(source, v.problems());
            }
            boolean owns = vertx == null;
            Vertx vx = owns ? Vertx.vertx() : vertx;
            InitContext init = new InitContext(vx, chain, step, v.values(), configDirectory, phones, clock,
                    Map.copyOf(services));
            ContactPlugin plugin;
            try {
                plugin = factory.create(init);
                if (plugin == null) {
                    throw new IllegalStateException("factory '" + factory.name() + "' created no plugin (null)");
                }
            } catch (ConfigException e) {
                closeQuietly(owns, vx);
                throw new ConfigException(source, e.problems());
            } catch (RuntimeException e) {
                closeQuietly(owns, vx);
                throw e;
            }
            return new PluginTester(this, plugin, vx, owns);
        }

        private static void closeQuietly(boolean owns, Vertx vx) {
            if (owns) {
                vx.close();
            }
        }
    }
}

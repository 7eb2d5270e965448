package io.switchboard.spi.testkit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a service a plugin calls (any interface whose methods return a Vert.x {@code Future}, such as
 * {@code CustomerDirectory} or {@code Conversations}) so a test can make it fail, hang or answer slowly, and
 * see what the plugin (or, through the step's time limit, the chain) does about it.
 *
 * <pre>{@code
 * ServiceFaults<CustomerDirectory> dir = ServiceFaults.of(CustomerDirectory.class, new InMemoryCustomerDirectory());
 * dir.failNext(1, new IOException("directory down"));   // the next call fails, then it heals
 * dir.hangAlways();                                     // every call hangs: the step times out
 * dir.delay(Duration.ofMillis(300));                    // every call answers 300 ms late (Vert.x timer)
 * dir.heal();
 * PluginTester t = PluginTester.of(factory).service(dir).build();
 * }</pre>
 *
 * <p>Faults apply to every method returning a {@code Future}; other methods are passed through. Queued
 * one-shot faults ({@code failNext}, {@code hangNext}) are used first, then the standing fault (if any), then
 * the delay. Thread-safe.
 *
 * @param <T> the service interface
 */
public final class ServiceFaults<T> {

    private final Class<T> type;
    private final T target;
    private final T proxy;
    private final Deque<Throwable> queued = new ArrayDeque<>();
    private final AtomicInteger calls = new AtomicInteger();
    private Throwable always;
    private Duration delay = Duration.ZERO;

    /** Marks a queued or standing hang. */
    private static final Throwable HANG = new Throwable("hang", null, false, false) {
    };

    private ServiceFaults(Class<T> type, T target) {
        this.type = type;
        this.target = target;
        this.proxy = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new Handler()));
    }

    /**
     * @param type   the service interface
     * @param target the working implementation calls go to when no fault applies
     * @param <T>    the service interface
     * @return the fault injector
     */
    public static <T> ServiceFaults<T> of(Class<T> type, T target) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        return new ServiceFaults<>(type, Objects.requireNonNull(target, "target"));
    }

    /** @return the service interface */
    public Class<T> type() {
        return type;
    }

    /** @return the service to hand to the plugin */
    public T service() {
        return proxy;
    }

    /** @return the working implementation behind it */
    public T target() {
        return target;
    }

    /** @return calls made so far (faulty or not) */
    public int calls() {
        return calls.get();
    }

    /**
     * @param times how many of the next calls fail
     * @param error what they fail with
     * @return this
     */
    public synchronized ServiceFaults<T> failNext(int times, Throwable error) {
        for (int i = 0; i < times; i++) {
            queued.add(Objects.requireNonNull(error));
        }
        return this;
    }

    /** @param error what every call fails with until {@link #heal()} @return this */
    public synchronized ServiceFaults<T> failAlways(Throwable error) {
        always = Objects.requireNonNull(error);
        return this;
    }

    /** @param times how many of the next calls never complete @return this */
    public synchronized ServiceFaults<T> hangNext(int times) {
        for (int i = 0; i < times; i++) {
            queued.add(HANG);
        }
        return this;
    }

    /** @return this, with every call never completing until {@link #heal()} */
    public synchronized ServiceFaults<T> hangAlways() {
        always = HANG;
        return this;
    }

    /**
     * @param latency added to every call that does not fail or hang, with a Vert.x timer (never blocking);
     *                {@link Duration#ZERO} removes it
     * @return this
     */
    public synchronized ServiceFaults<T> delay(Duration latency) {
        delay = Objects.requireNonNull(latency);
        return this;
    }

    /** @return this, with every fault and delay removed */
    public synchronized ServiceFaults<T> heal() {
        queued.clear();
        always = null;
        delay = Duration.ZERO;
        return this;
    }

    private synchronized Throwable nextFault() {
        Throwable q = queued.poll();
        return q != null ? q : always;
    }

    private synchronized Duration currentDelay() {
        return delay;
    }

    private final class Handler implements InvocationHandler {
        @Override
        public Object invoke(Object p, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "ServiceFaults[" + type.getSimpleName() + "]";
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> method.invoke(target, args);
                };
            }
            if (!Future.class.isAssignableFrom(method.getReturnType())) {
                return call(method, args);
            }
            calls.incrementAndGet();
            Throwable fault = nextFault();
            if (fault == HANG) {
                return Promise.promise().future();
            }
            if (fault != null) {
                return Future.failedFuture(fault);
            }
            Duration d = currentDelay();
            if (d.isZero()) {
                return call(method, args);
            }
            Context ctx = Vertx.currentContext();
            if (ctx == null) {
                throw new IllegalStateException("ServiceFaults.delay needs the call to be made on a Vert.x thread");
            }
            Promise<Object> promise = Promise.promise();
            ctx.owner().setTimer(Math.max(1, d.toMillis()), id -> {
                try {
                    ((Future<?>) call(method, args)).onComplete(ar -> {
                        if (ar.succeeded()) {
                            promise.complete(ar.result());
                        } else {
                            promise.fail(ar.cause());
                        }
                    });
                } catch (Throwable t) {
                    promise.fail(t);
                }
            });
            return promise.future();
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}

package io.switchboard.plugin.identity;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.Promise;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the directory calls one plugin instance has in flight: past the limit, calls wait (in order, without
 * blocking a thread) until one completes. The gateway's store serves intake too and bounds its own queues; a burst
 * of contacts, each with several identifiers, must not fill them. Thread-safe.
 */
final class Limiter {

    private final int max;
    private final AtomicInteger running = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    Limiter(int max) {
        this.max = max;
    }

    /**
     * @param call the call to make
     * @param <T>  its result
     * @return its result, once it ran
     */
    <T> Future<T> submit(Supplier<Future<T>> call) {
        Promise<T> p = Promise.promise();
        Context caller = Vertx.currentContext();
        Runnable run = () -> {
            Future<T> f;
            try {
                f = call.get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(ar -> {
                running.decrementAndGet();
                drain();
                p.handle(ar);
            });
        };
        // A queued call is started by whichever call finishes first, maybe on another event loop: start it on the
        // caller's own context, so its services answer there.
        waiting.add(caller == null ? run : () -> {
            if (Vertx.currentContext() == caller) {
                run.run();
            } else {
                caller.runOnContext(v -> run.run());
            }
        });
        drain();
        return p.future();
    }

    private void drain() {
        while (true) {
            int r = running.get();
            if (r >= max || waiting.isEmpty()) {
                return;
            }
            if (!running.compareAndSet(r, r + 1)) {
                continue;
            }
            Runnable next = waiting.poll();
            if (next == null) {
                running.decrementAndGet();
                if (waiting.isEmpty()) {
                    return;
                }
                continue;
            }
            next.run();
        }
    }

    /** @return calls in flight, for tests */
    int running() {
        return running.get();
    }
}

package io.switchboard.gateway.chain;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded worker pool blocking plugins run on: a fixed number of threads and a bounded queue, so a slow
 * legacy SDK can neither block an event loop nor pile up unbounded work. A full queue refuses the call (the
 * step fails with reason {@code worker-pool-full}). Shared by every chain and kept across reloads.
 */
final class BlockingPool implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    BlockingPool(int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "switchboard-plugin-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param task the blocking work
     * @return its handle (cancelled with interruption when the call times out), or null when the pool is full
     */
    Future<?> submit(Runnable task) {
        try {
            return executor.submit(task);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** @return threads running plugin calls now */
    int active() {
        return executor.getActiveCount();
    }

    /** @return calls waiting for a thread */
    int queued() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

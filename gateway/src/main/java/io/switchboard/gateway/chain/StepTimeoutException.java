package io.switchboard.gateway.chain;

import java.util.concurrent.TimeoutException;

/** A step call that did not finish within its time limit; names the step. The breaker counts it as a failure. */
public final class StepTimeoutException extends TimeoutException {

    private final String step;

    /**
     * @param step    the step, {@code <chain>.<step>}
     * @param limitMs its time limit
     */
    public StepTimeoutException(String step, long limitMs) {
        super("step " + step + " did not finish within its time limit of " + limitMs + " ms");
        this.step = step;
    }

    /** @return the step, {@code <chain>.<step>} */
    public String step() {
        return step;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

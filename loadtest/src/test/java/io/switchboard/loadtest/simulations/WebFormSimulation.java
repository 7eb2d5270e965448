package io.switchboard.loadtest.simulations;

/**
 * Web forms: url-encoded (three in four) and JSON (one in four) contact-form posts, each with its own
 * {@code Idempotency-Key}.
 */
public final class WebFormSimulation extends TrafficSimulation {

    /** Builds the simulation from the parameters. */
    public WebFormSimulation() {
        super("Web forms", "form=100", 20);
    }
}

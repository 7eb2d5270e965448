package io.switchboard.loadtest.simulations;

/**
 * Twilio: inbound SMS (Messaging) and incoming calls (Voice), form posts signed with {@code X-Twilio-Signature}
 * over the public URL. Default weights {@code sms=60,voice=40}.
 */
public final class TwilioSimulation extends TrafficSimulation {

    /** Builds the simulation from the parameters. */
    public TwilioSimulation() {
        super("Twilio SMS and voice", "sms=60,voice=40", 20);
    }
}

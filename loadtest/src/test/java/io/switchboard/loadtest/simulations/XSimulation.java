package io.switchboard.loadtest.simulations;

/**
 * X (Account Activity API): direct messages and mentions signed with {@code x-twitter-webhooks-signature},
 * and CRC challenges whose {@code response_token} is checked. Default weights {@code x-dm=60,x-mention=30,x-crc=10}.
 */
public final class XSimulation extends TrafficSimulation {

    /** Builds the simulation from the parameters. */
    public XSimulation() {
        super("X DMs, mentions and CRC challenges", "x-dm=60,x-mention=30,x-crc=10", 20);
    }
}

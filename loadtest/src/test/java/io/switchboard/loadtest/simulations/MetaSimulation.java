package io.switchboard.loadtest.simulations;

/**
 * Meta: Messenger and WhatsApp Cloud API batches (1 to {@code metaMaxBatch} events each) and Page feed
 * comments, signed with {@code X-Hub-Signature-256}. Default weights {@code messenger=45,whatsapp=45,fb-comment=10}.
 */
public final class MetaSimulation extends TrafficSimulation {

    /** Builds the simulation from the parameters. */
    public MetaSimulation() {
        super("Meta Messenger, WhatsApp and Page comments", "messenger=45,whatsapp=45,fb-comment=10", 20);
    }
}

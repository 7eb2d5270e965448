package io.switchboard.loadtest.simulations;

/**
 * A contact centre's day: mostly calls and messages, some social, some forms. Default weights
 * {@value #DEFAULT_RATIOS}; set {@code ratios} to model another mix.
 */
public final class MixedTrafficSimulation extends TrafficSimulation {

    /** Calls and messaging first, then social and forms. */
    public static final String DEFAULT_RATIOS =
            "voice=35,sms=25,whatsapp=15,messenger=7,form=8,x-dm=4,x-mention=3,fb-comment=3";

    /** Builds the simulation from the parameters. */
    public MixedTrafficSimulation() {
        super("Mixed contact-centre traffic", DEFAULT_RATIOS, 50);
    }
}

package io.switchboard.gateway.chain;

import java.util.Arrays;

/** What a chain does with a contact when one of its steps fails (throws, fails, times out, is refused). */
public enum FailurePolicy {
    /** Continue without the step; the contact records that the step was skipped and why. */
    SKIP("skip"),
    /**
     * Park the contact durably (status {@code parked}, the step as {@code nextStep}); the chain resumes it from
     * that step when the step recovers. Never dropped.
     */
    RETRY_LATER("retry-later"),
    /** Mark the contact rejected with the step and the reason (it stays stored, and is not forwarded). */
    REJECT("reject");

    private final String key;

    FailurePolicy(String key) {
        this.key = key;
    }

    /** @return the configuration value */
    public String key() {
        return key;
    }

    /**
     * @param key a configuration value
     * @return the policy
     */
    public static FailurePolicy of(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown failure policy " + key));
    }

    /** @return the configuration values */
    public static String[] keys() {
        return Arrays.stream(values()).map(FailurePolicy::key).toArray(String[]::new);
    }
}

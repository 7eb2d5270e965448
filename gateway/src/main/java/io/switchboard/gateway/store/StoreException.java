package io.switchboard.gateway.store;

/**
 * The store could not do what was asked. The edge answers 503 with {@code Retry-After}: the provider
 * retries, nothing is acknowledged that was not stored.
 */
public class StoreException extends RuntimeException {

    private final String reason;

    /**
     * @param reason a reason code: {@code store-overloaded} (queue full), {@code store-unavailable} (I/O error,
     *               disk full, closed)
     * @param message a description without personal data
     * @param cause   the cause, or null
     */
    public StoreException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return the reason code */
    public String reason() {
        return reason;
    }

    /**
     * @param message a description
     * @return a "queue full" exception
     */
    public static StoreException overloaded(String message) {
        return new StoreException("store-overloaded", message, null);
    }

    /**
     * @param message a description
     * @param cause   the cause
     * @return an "unavailable" exception
     */
    public static StoreException unavailable(String message, Throwable cause) {
        return new StoreException("store-unavailable", message, cause);
    }
}

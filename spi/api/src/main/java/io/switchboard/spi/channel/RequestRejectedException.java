package io.switchboard.spi.channel;

/**
 * Thrown by an adapter to refuse a request. The gateway answers with {@link #status()} and a body that
 * says no more than the status does (never which signature check failed), and counts the rejection under
 * {@link #reason()}.
 *
 * <p>Use the factories: {@link #unauthorized}, {@link #forbidden}, {@link #malformed}.
 */
public class RequestRejectedException extends RuntimeException {

    private final int status;
    private final String reason;
    private final long retryAfterSeconds;

    /**
     * @param status the HTTP status, 4xx
     * @param reason a stable, low-cardinality reason code for metrics, e.g. {@code signature},
     *               {@code stale-timestamp}, {@code malformed-json}; never request data
     * @param detail a detail for the gateway's debug log (not sent to the client); never personal data
     */
    public RequestRejectedException(int status, String reason, String detail) {
        this(status, reason, detail, 0);
    }

    private RequestRejectedException(int status, String reason, String detail, long retryAfterSeconds) {
        super(reason + (detail == null ? "" : ": " + detail), null, false, false);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("status must be 4xx, but was " + status);
        }
        this.status = status;
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * A client sending too much: 429 with {@code Retry-After}.
     *
     * @param reason            the reason code, e.g. {@code rate-limited}
     * @param retryAfterSeconds when the client may try again, at least 1
     * @return a 429 rejection
     * @since 1.0
     */
    public static RequestRejectedException tooManyRequests(String reason, long retryAfterSeconds) {
        return new RequestRejectedException(429, reason, null, Math.max(1, retryAfterSeconds));
    }

    /** @return seconds for the {@code Retry-After} header, or 0 for none */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * A request whose authentication failed: missing, malformed or wrong signature, stale timestamp.
     *
     * @param reason the reason code
     * @return a 401 rejection
     */
    public static RequestRejectedException unauthorized(String reason) {
        return new RequestRejectedException(401, reason, null);
    }

    /**
     * A request that authenticated but is not allowed (wrong verify token, origin not allowed).
     *
     * @param reason the reason code
     * @return a 403 rejection
     */
    public static RequestRejectedException forbidden(String reason) {
        return new RequestRejectedException(403, reason, null);
    }

    /**
     * A request that cannot be parsed or misses required fields.
     *
     * @param reason the reason code, e.g. {@code malformed-json}, {@code missing-field}
     * @param detail what is wrong, for the debug log and the 400 body; never request data
     * @return a 400 rejection
     */
    public static RequestRejectedException malformed(String reason, String detail) {
        return new RequestRejectedException(400, reason, detail);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the reason code */
    public String reason() {
        return reason;
    }
}

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

    /**
     * @param status the HTTP status, 4xx
     * @param reason a stable, low-cardinality reason code for metrics, e.g. {@code signature},
     *               {@code stale-timestamp}, {@code malformed-json}; never request data
     * @param detail a detail for the gateway's debug log (not sent to the client); never personal data
     */
    public RequestRejectedException(int status, String reason, String detail) {
        super(reason + (detail == null ? "" : ": " + detail), null, false, false);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("status must be 4xx, but was " + status);
        }
        this.status = status;
        this.reason = reason;
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

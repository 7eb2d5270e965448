package io.switchboard.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body into memory, refusing bodies over a limit as soon as the limit is crossed (from
 * {@code Content-Length} when given, else while streaming).
 */
final class BodyReader {

    /** The body did not arrive in time. */
    static final class TooSlow extends RuntimeException {
        TooSlow() {
            super("request body not received in time", null, false, false);
        }
    }

    /** The body exceeded the limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body too large", null, false, false);
        }
    }

    private BodyReader() {
    }

    static Future<Buffer> read(io.vertx.core.Vertx vertx, HttpServerRequest request, int limit, long timeoutMs) {
        long declared = -1;
        String cl = request.getHeader("Content-Length");
        if (cl != null) {
            try {
                declared = Long.parseLong(cl.trim());
            } catch (NumberFormatException e) {
                declared = -1; // Netty rejects malformed Content-Length before we get here
            }
            if (declared > limit) {
                return Future.failedFuture(new TooLarge());
            }
        }
        if (request.isEnded()) {
            return Future.succeededFuture(Buffer.buffer());
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer(declared < 0 ? 1024 : (int) Math.max(declared, 16));
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                request.handler(null);
                promise.tryFail(new TooLarge());
            } else {
                body.appendBuffer(chunk);
            }
        });
        long timer = vertx.setTimer(timeoutMs, id -> {
            request.handler(null);
            promise.tryFail(new TooSlow());
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(v -> promise.tryComplete(body));
        request.resume();
        return promise.future().andThen(ar -> vertx.cancelTimer(timer));
    }
}

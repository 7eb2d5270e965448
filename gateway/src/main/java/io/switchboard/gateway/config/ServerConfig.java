package io.switchboard.gateway.config;

import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;

import java.time.Duration;

/**
 * The public HTTP listener ({@code server:} in {@code gateway.yaml}).
 *
 * @param host                  interface to bind
 * @param port                  port to bind; 0 picks a free one (tests)
 * @param publicBaseUrl         the base URL providers call, when the gateway sits behind a proxy; null
 *                              to reconstruct it from each request
 * @param trustForwardedHeaders whether to trust {@code X-Forwarded-Proto/Host/For}
 * @param maxBodyBytes          default largest request body; channels may override
 * @param maxJsonDepth          deepest JSON nesting accepted in request bodies
 * @param maxFormParts          most parts accepted in a multipart body
 * @param instances             HTTP verticle instances (event loops serving requests)
 * @param idleTimeout           idle connection timeout
 * @param requestTimeout        longest a client may take to send a request's headers and body
 * @param maxHeaderBytes        largest header block
 * @param maxHeaderCount        most headers in one request
 * @param tlsCertPath           PEM certificate chain for TLS, or null for plain HTTP
 * @param tlsKeyPath            PEM private key for TLS, or null
 * @param workerParseBytes      bodies at least this large are verified and parsed on the worker pool, not on an
 *                              event loop
 * @param workerParseMaxQueued  most large bodies waiting for or being parsed on the worker pool at once
 */
public record ServerConfig(String host, int port, String publicBaseUrl, boolean trustForwardedHeaders,
                           int maxBodyBytes, int maxJsonDepth, int maxFormParts, int instances,
                           Duration idleTimeout, Duration requestTimeout, int maxHeaderBytes, int maxHeaderCount,
                           String tlsCertPath, String tlsKeyPath, int workerParseBytes, int workerParseMaxQueued) {

    /** The declared keys of {@code server:}. */
    public static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.string("host").defaultValue("0.0.0.0").doc("Interface the public listener binds."),
            ConfigKey.integer("port").defaultValue(8080).validate(Validator.between(0, 65535))
                    .doc("Port of the public listener (webhooks, read API, health, metrics)."),
            ConfigKey.string("publicBaseUrl").validate(Validator.<String>of(
                            s -> s.matches("^https?://[^/?#]+(/[^?#]*)?$"), "must be an absolute http(s) URL without query"))
                    .doc("Base URL providers call, e.g. https://hooks.example.com. Set it behind a TLS-terminating "
                            + "proxy: providers such as Twilio sign the URL they called, not the internal one."),
            ConfigKey.bool("trustForwardedHeaders").defaultValue(false)
                    .doc("Trust X-Forwarded-Proto/Host/For from a proxy to rebuild the public URL and client IP."),
            ConfigKey.integer("maxBodyBytes").defaultValue(1_048_576).validate(Validator.between(1, 64 * 1024 * 1024))
                    .doc("Largest request body in bytes; larger requests get 413. Channels may set their own."),
            ConfigKey.integer("maxJsonDepth").defaultValue(64).validate(Validator.between(2, 1000))
                    .doc("Deepest nesting of JSON request bodies; deeper bodies get 400."),
            ConfigKey.integer("maxFormParts").defaultValue(200).validate(Validator.between(1, 10_000))
                    .doc("Most fields and files in one form body; more get 400."),
            ConfigKey.integer("instances").defaultValue(0).validate(Validator.between(0, 64))
                    .doc("HTTP verticle instances; 0 means one per CPU core."),
            ConfigKey.duration("idleTimeout").defaultValue("30s").validate(Validator.positiveDuration())
                    .doc("Connections idle this long are closed."),
            ConfigKey.duration("requestTimeout").defaultValue("10s").validate(Validator.positiveDuration())
                    .doc("Longest a client may take to send a request's headers, and then its body; slower "
                            + "clients (slowloris) are disconnected (headers) or answered 408 (body)."),
            ConfigKey.integer("maxHeaderBytes").defaultValue(16_384).validate(Validator.between(1024, 1_048_576))
                    .doc("Largest request header block in bytes; larger gets 431."),
            ConfigKey.integer("maxHeaderCount").defaultValue(100).validate(Validator.between(8, 10_000))
                    .doc("Most headers in one request; more gets 431."),
            ConfigKey.string("tlsCertPath").doc("PEM certificate chain: serve the public listener over TLS "
                    + "(set together with `tlsKeyPath`). Relative paths resolve against the working directory."),
            ConfigKey.string("tlsKeyPath").doc("PEM private key (PKCS#8) for `tlsCertPath`."),
            ConfigKey.integer("workerParseBytes").defaultValue(262_144).validate(Validator.between(1, 64 * 1024 * 1024))
                    .doc("Bodies of at least this many bytes (large emails with attachments, big batches) are "
                            + "verified and parsed on the worker pool, so an event loop never spends long on one request."),
            ConfigKey.integer("workerParseMaxQueued").defaultValue(64).validate(Validator.between(1, 10_000))
                    .doc("Most large bodies queued for or being parsed on the worker pool at once; beyond it a large "
                            + "request gets 503 with Retry-After (providers retry) instead of queueing without bound."));

    /**
     * @param v values validated against {@link #SPEC}
     * @return the record
     */
    public static ServerConfig from(ConfigValues v) {
        int instances = v.getInt("instances");
        return new ServerConfig(v.getString("host"), v.getInt("port"), stripSlash(v.getString("publicBaseUrl")),
                v.getBoolean("trustForwardedHeaders"), v.getInt("maxBodyBytes"), v.getInt("maxJsonDepth"),
                v.getInt("maxFormParts"), instances == 0 ? Runtime.getRuntime().availableProcessors() : instances,
                v.getDuration("idleTimeout"), v.getDuration("requestTimeout"), v.getInt("maxHeaderBytes"),
                v.getInt("maxHeaderCount"), v.getString("tlsCertPath"), v.getString("tlsKeyPath"),
                v.getInt("workerParseBytes"), v.getInt("workerParseMaxQueued"));
    }

    static String stripSlash(String url) {
        if (url == null) {
            return null;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package io.switchboard.loadtest.traffic;

import java.util.EnumMap;
import java.util.Map;

/**
 * What generated traffic needs to know about the gateway it is aimed at.
 *
 * @param publicBaseUrl   the base URL the gateway believes providers call ({@code server.publicBaseUrl}, or
 *                        the URL the load generator uses when the gateway reconstructs it from the request):
 *                        Twilio signs the full URL, so it must match
 * @param twilioAuthToken the Twilio channels' {@code authToken}
 * @param metaAppSecret   the Meta channel's {@code appSecret}
 * @param xConsumerSecret the X channel's {@code consumerSecret}
 * @param channels        the channel id each kind is sent to; kinds not in the map use {@link Kind#defaultChannel()}
 * @param maxMetaBatch    the most events in one Meta batch (each batch carries 1 to this many)
 */
public record TrafficConfig(String publicBaseUrl, String twilioAuthToken, String metaAppSecret, String xConsumerSecret,
                            Map<Kind, String> channels, int maxMetaBatch) {

    /** The default test secrets of {@code config/loadtest.yaml} (see the README's Load testing section). */
    public static final String DEFAULT_TWILIO_AUTH_TOKEN = "loadtest-twilio-auth-token";
    /** Default Meta app secret. */
    public static final String DEFAULT_META_APP_SECRET = "loadtest-meta-app-secret";
    /** Default Meta verify token. */
    public static final String DEFAULT_META_VERIFY_TOKEN = "loadtest-meta-verify-token";
    /** Default X consumer secret. */
    public static final String DEFAULT_X_CONSUMER_SECRET = "loadtest-x-consumer-secret";

    /** Validates and copies. */
    public TrafficConfig {
        if (publicBaseUrl == null || !publicBaseUrl.matches("^https?://[^/?#]+(/[^?#]*)?$")) {
            throw new IllegalArgumentException("publicBaseUrl must be an absolute http(s) URL, but was " + publicBaseUrl);
        }
        publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        if (maxMetaBatch < 1) {
            throw new IllegalArgumentException("maxMetaBatch must be at least 1, but was " + maxMetaBatch);
        }
        Map<Kind, String> c = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            c.put(k, k.defaultChannel());
        }
        if (channels != null) {
            c.putAll(channels);
        }
        channels = Map.copyOf(c);
    }

    /**
     * @param kind a kind
     * @return the channel id its requests go to
     */
    public String channel(Kind kind) {
        return channels.get(kind);
    }

    /**
     * @param publicBaseUrl the gateway's public base URL
     * @return a configuration with the default test secrets and channels
     */
    public static TrafficConfig defaults(String publicBaseUrl) {
        return new TrafficConfig(publicBaseUrl, DEFAULT_TWILIO_AUTH_TOKEN, DEFAULT_META_APP_SECRET,
                DEFAULT_X_CONSUMER_SECRET, Map.of(), 3);
    }
}

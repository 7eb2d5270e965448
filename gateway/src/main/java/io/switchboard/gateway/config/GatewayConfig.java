package io.switchboard.gateway.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The whole validated configuration.
 *
 * @param source     the file it was read from
 * @param server     the public listener
 * @param admin      the admin listener
 * @param store      the gateway's own store
 * @param delivery   how contacts are forwarded
 * @param sinks      configured sinks by name
 * @param channels   channel instances by id, in file order
 * @param adminToken the bearer token required on {@code /api/**}, from {@code SWITCHBOARD_ADMIN_TOKEN}; null
 *                   when unset
 * @param chains     the plugin chains and the plugin types they were validated against
 */
public record GatewayConfig(Path source, ServerConfig server, AdminConfig admin, StoreConfig store, DeliveryConfig delivery,
                            Map<String, SinkConfig> sinks, Map<String, ChannelConfig> channels, String adminToken,
                            io.switchboard.gateway.chain.ChainsConfig chains) {

    /**
     * @param channelId a channel id
     * @return the sinks the channel's processed contacts are forwarded to
     */
    public java.util.List<String> sinksOf(String channelId) {
        ChannelConfig c = channels.get(channelId);
        return c != null && c.sinks() != null ? c.sinks() : delivery.defaultSinks();
    }

    /** @return the directory of the configuration file */
    public Path directory() {
        Path parent = source.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }
}

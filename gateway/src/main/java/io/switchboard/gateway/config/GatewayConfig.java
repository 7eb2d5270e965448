package io.switchboard.gateway.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The whole validated configuration.
 *
 * @param source     the file it was read from
 * @param server     the public listener
 * @param store      the gateway's own store
 * @param channels   channel instances by id, in file order
 * @param adminToken the bearer token required on {@code /api/**}, from {@code SWITCHBOARD_ADMIN_TOKEN}; null
 *                   when unset
 */
public record GatewayConfig(Path source, ServerConfig server, StoreConfig store, Map<String, ChannelConfig> channels,
                            String adminToken) {

    /** @return the directory of the configuration file */
    public Path directory() {
        Path parent = source.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }
}

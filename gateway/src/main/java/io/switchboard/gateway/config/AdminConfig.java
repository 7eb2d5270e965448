package io.switchboard.gateway.config;

import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;

/**
 * The admin listener ({@code admin:} in {@code gateway.yaml}): the read and operations API, on its own port,
 * bound to loopback unless told otherwise.
 *
 * @param host interface to bind
 * @param port port to bind; 0 picks a free one (tests)
 */
public record AdminConfig(String host, int port) {

    /** The declared keys of {@code admin:}. */
    public static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.string("host").defaultValue("127.0.0.1")
                    .doc("Interface the admin API (`/api/**`, plus health and metrics) binds. Loopback by default; "
                            + "binding any other interface requires `SWITCHBOARD_ADMIN_TOKEN` (bearer authentication)."),
            ConfigKey.integer("port").defaultValue(8081).validate(Validator.between(0, 65535))
                    .doc("Port of the admin API; must differ from `server.port`."));

    /**
     * @param v values validated against {@link #SPEC}
     * @return the record
     */
    public static AdminConfig from(ConfigValues v) {
        return new AdminConfig(v.getString("host"), v.getInt("port"));
    }

    /** @return whether the host is a loopback address */
    public boolean loopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}

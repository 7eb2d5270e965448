package io.switchboard.gateway.config;

import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;

import java.util.List;

/**
 * One channel instance ({@code channels.<id>:} in {@code gateway.yaml}).
 *
 * @param id              the channel id (path segment of {@code /webhooks/{id}})
 * @param type            the channel type
 * @param tenant          the owning tenant
 * @param enabled         whether to serve it
 * @param publicUrl       the exact URL the provider calls, when it differs from the reconstructed one
 * @param maxBodyBytes    this channel's body limit
 * @param sinks           the sinks this channel forwards to; null to use {@code delivery.defaultSinks}
 * @param adapterConfig   the adapter's own validated keys; null when {@code disabledReasons} is not empty
 * @param disabledReasons why the channel is not started (missing secrets); empty when it is live
 */
public record ChannelConfig(String id, String type, String tenant, boolean enabled, String publicUrl,
                            int maxBodyBytes, List<String> sinks, ConfigValues adapterConfig,
                            List<ConfigProblem> disabledReasons) {

    /** Keys every channel has, whatever its type; the adapter never sees them. */
    public static final ConfigSpec COMMON = ConfigSpec.of(
            ConfigKey.string("type").required().doc("The channel type, e.g. `web-form`, `twilio-messaging`, `meta`."),
            ConfigKey.string("tenant").defaultValue("default").validate(Validator.<String>of(
                            s -> s.matches("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"), "must be 1-64 letters, digits, '_', '.', '-'"))
                    .doc("Tenant owning the channel; customer identity never links across tenants."),
            ConfigKey.bool("enabled").defaultValue(true).doc("Set false to keep a channel configured but not served."),
            ConfigKey.string("publicUrl").validate(Validator.<String>of(
                            s -> s.matches("^https?://[^?#]+(\\?[^#]*)?$"), "must be an absolute http(s) URL"))
                    .doc("The exact URL registered with the provider (scheme, host, port, path), when it differs "
                            + "from `server.publicBaseUrl` + `/webhooks/<id>`. Signature checks use it."),
            ConfigKey.integer("maxBodyBytes").validate(Validator.between(1, 64 * 1024 * 1024))
                    .doc("Largest request body for this channel; defaults to `server.maxBodyBytes`."),
            ConfigKey.list("sinks").doc("Sinks (names under `sinks:`) this channel's processed contacts are "
                    + "forwarded to; defaults to `delivery.defaultSinks`. `[]` keeps them in the gateway's store only."))
            .allowingUnknownKeys();

    /** @return whether the channel will be served */
    public boolean live() {
        return enabled && disabledReasons.isEmpty();
    }
}

package io.switchboard.gateway.channel;

import io.switchboard.gateway.config.ChannelConfig;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.contact.ChannelRef;
import io.switchboard.spi.contact.PhoneNumbers;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configured channels at run time: for each, its adapter when live, or why it is not.
 */
public final class LiveChannels {

    /**
     * One configured channel.
     *
     * @param config  its configuration
     * @param ref     its id and type
     * @param adapter its adapter, or null when not live
     * @param reason  why it is not live (e.g. a missing secret), or null when live
     */
    public record Channel(ChannelConfig config, ChannelRef ref, ChannelAdapter adapter, String reason) {
        /** @return whether requests are served */
        public boolean live() {
            return adapter != null;
        }
    }

    private final Map<String, Channel> byId;

    private LiveChannels(Map<String, Channel> byId) {
        this.byId = byId;
    }

    /**
     * Creates the adapters of every live channel.
     *
     * @param vertx    the Vert.x instance
     * @param config   the gateway configuration
     * @param registry the channel types
     * @param phones   the phone normaliser
     * @param clock    the clock
     * @param services services offered to adapters
     * @return the channels
     * @throws ConfigException when an adapter refuses its configuration
     */
    public static LiveChannels create(Vertx vertx, GatewayConfig config, ChannelRegistry registry, PhoneNumbers phones,
                                      Clock clock, Function<Class<?>, Optional<?>> services) {
        Map<String, Channel> map = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (ChannelConfig c : config.channels().values()) {
            ChannelRef ref = new ChannelRef(c.id(), c.type());
            if (!c.enabled()) {
                map.put(c.id(), new Channel(c, ref, null, "disabled in configuration"));
                continue;
            }
            if (!c.disabledReasons().isEmpty()) {
                String why = c.disabledReasons().stream().map(ConfigProblem::toString).collect(Collectors.joining("; "));
                map.put(c.id(), new Channel(c, ref, null, why));
                continue;
            }
            ChannelAdapterFactory factory = registry.factory(c.type()).orElseThrow();
            try {
                ChannelAdapter adapter = factory.create(new Init(vertx, c, phones, clock, services));
                map.put(c.id(), new Channel(c, ref, adapter, null));
            } catch (ConfigException e) {
                e.problems().forEach(p -> problems.add(p.under("channels." + c.id())));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(config.source().toString(), problems);
        }
        return new LiveChannels(map);
    }

    /**
     * @param id a channel id
     * @return the channel, or null when not configured
     */
    public Channel get(String id) {
        return byId.get(id);
    }

    /** @return every configured channel, in configuration order */
    public Collection<Channel> all() {
        return byId.values();
    }

    private record Init(Vertx vertx, ChannelConfig channel, PhoneNumbers phoneNumbers, Clock clock,
                        Function<Class<?>, Optional<?>> services) implements ChannelInitContext {
        @Override
        public String channelId() {
            return channel.id();
        }

        @Override
        public String tenant() {
            return channel.tenant();
        }

        @Override
        public ConfigValues config() {
            return channel.adapterConfig();
        }

        @Override
        public <T> Optional<T> service(Class<T> type) {
            return services.apply(type).map(type::cast);
        }
    }
}

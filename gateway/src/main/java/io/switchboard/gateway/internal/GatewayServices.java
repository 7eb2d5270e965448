package io.switchboard.gateway.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The services the gateway offers plugins and channel adapters ({@code PluginInitContext.service(Class)},
 * {@code ChannelInitContext.service(Class)}): SPI service interfaces such as
 * {@code io.switchboard.spi.service.CustomerDirectory} and {@code Conversations}, implemented on the gateway's
 * store. {@code Gateway} builds one lookup and hands the same one to channels and chains.
 */
@FunctionalInterface
public interface GatewayServices {

    /**
     * @param type a service interface
     * @param <T>  its type
     * @return the gateway's implementation, or empty when it offers none
     */
    <T> Optional<T> find(Class<T> type);

    /** @return a lookup offering no service */
    static GatewayServices none() {
        return new GatewayServices() {
            @Override
            public <T> Optional<T> find(Class<T> type) {
                return Optional.empty();
            }
        };
    }

    /**
     * @param services implementations by interface
     * @return a lookup offering exactly these
     */
    static GatewayServices of(Map<Class<?>, Object> services) {
        Map<Class<?>, Object> copy = Map.copyOf(services);
        return new GatewayServices() {
            @Override
            public <T> Optional<T> find(Class<T> type) {
                return Optional.ofNullable(copy.get(type)).map(type::cast);
            }
        };
    }

    /** @return this lookup as the function {@code LiveChannels} takes */
    default Function<Class<?>, Optional<?>> asFunction() {
        return type -> find(type);
    }
}

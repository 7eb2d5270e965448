package io.switchboard.gateway.store;

import io.switchboard.spi.service.Conversations;
import io.switchboard.spi.service.CustomerDirectory;

import java.util.Optional;
import java.util.function.Function;

/**
 * The services the gateway offers plugins and channel adapters ({@code service(Class)} on their init contexts),
 * all backed by the gateway's own store: {@link CustomerDirectory} and {@link Conversations}.
 */
public final class StoreServices {

    private StoreServices() {
    }

    /**
     * @param store the gateway's store
     * @return the lookup: a service type to its implementation, empty for types the gateway does not offer
     */
    public static Function<Class<?>, Optional<?>> of(ContactStore store) {
        return type -> {
            if (type == CustomerDirectory.class) {
                return Optional.of(store.directory());
            }
            if (type == Conversations.class) {
                return Optional.of(store.conversations());
            }
            return Optional.empty();
        };
    }
}

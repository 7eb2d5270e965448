package io.switchboard.spi.config;

import java.util.Optional;

/**
 * Resolves secret references. The gateway supplies one that reads the process environment and files;
 * tests supply a map.
 */
@FunctionalInterface
public interface SecretResolver {

    /**
     * Resolves a reference.
     *
     * @param scheme {@code env} or {@code file}
     * @param name   the environment variable name or the file path
     * @return the secret, or empty when the variable is unset or the file cannot be read
     */
    Optional<String> resolve(String scheme, String name);

    /**
     * A resolver that finds nothing.
     *
     * @return the resolver
     */
    static SecretResolver none() {
        return (scheme, name) -> Optional.empty();
    }
}

package io.switchboard.gateway.config;

import io.switchboard.spi.config.SecretResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code ${env:NAME}} from an environment map and {@code ${file:PATH}} from the file system
 * (relative paths against the configuration directory; trailing newlines stripped).
 */
public final class EnvSecretResolver implements SecretResolver {

    private final Map<String, String> env;
    private final Path baseDir;

    /**
     * @param env     the environment, normally {@code System.getenv()}
     * @param baseDir the directory relative file paths resolve against
     */
    public EnvSecretResolver(Map<String, String> env, Path baseDir) {
        this.env = Map.copyOf(env);
        this.baseDir = baseDir;
    }

    @Override
    public Optional<String> resolve(String scheme, String name) {
        if ("env".equals(scheme)) {
            return Optional.ofNullable(env.get(name));
        }
        if ("file".equals(scheme)) {
            Path p = baseDir.resolve(name);
            try {
                return Optional.of(Files.readString(p, StandardCharsets.UTF_8).strip());
            } catch (IOException | SecurityException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}

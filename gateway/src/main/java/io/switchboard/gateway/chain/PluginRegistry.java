package io.switchboard.gateway.chain;

import io.switchboard.gateway.chain.internal.PluginClassLoader;
import io.switchboard.gateway.internal.Extensions;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.plugin.ContactPluginFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The plugin types available: built-in plugins found with {@link ServiceLoader} on the gateway's class path,
 * and third-party plugins from the plugins directory, each in its own {@link PluginClassLoader}. Every factory's
 * SPI version is checked at load (reusing {@link Extensions}); a factory built for an incompatible SPI, or two
 * factories with one name, fail start-up with a message naming the plugin sources searched. Closing the registry
 * closes the third-party class loaders (after the chains using them have closed).
 */
public final class PluginRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    /** The source name of plugins on the gateway's class path. */
    public static final String CLASS_PATH = "class path";

    /**
     * One loaded plugin type.
     *
     * @param factory its factory
     * @param source  where it was loaded from: {@link #CLASS_PATH}, or the jar or directory path
     */
    public record Plugin(ContactPluginFactory factory, String source) {
    }

    /** Creates the registry for a plugins directory (at start-up and on every reload). */
    @FunctionalInterface
    public interface Discovery {
        /**
         * @param directory the configured plugins directory
         * @return the registry
         * @throws ConfigException naming the sources searched when plugins conflict or cannot load
         */
        PluginRegistry discover(Path directory);
    }

    private final Map<String, Plugin> byName;
    private final List<String> searched;
    private final List<PluginClassLoader> loaders;

    private PluginRegistry(Map<String, Plugin> byName, List<String> searched, List<PluginClassLoader> loaders) {
        this.byName = byName;
        this.searched = searched;
        this.loaders = loaders;
    }

    /**
     * The default discovery: built-ins on a class loader plus the plugins directory.
     *
     * @param builtIns the class loader built-in plugins are found on
     * @return the discovery
     */
    public static Discovery standard(ClassLoader builtIns) {
        return dir -> discover(builtIns, dir, List.of());
    }

    /**
     * Discovery with extra factories registered as if built in (tests).
     *
     * @param builtIns the class loader built-in plugins are found on
     * @param extra    more factories
     * @return the discovery
     */
    public static Discovery with(ClassLoader builtIns, List<ContactPluginFactory> extra) {
        return dir -> discover(builtIns, dir, extra);
    }

    /**
     * Finds every plugin.
     *
     * @param builtIns  the class loader built-in plugins are found on
     * @param directory the plugins directory, or null
     * @param extra     more factories, counted as class-path plugins
     * @return the registry
     * @throws ConfigException with every problem (path {@code plugins}), each naming the sources searched
     */
    public static PluginRegistry discover(ClassLoader builtIns, Path directory, List<ContactPluginFactory> extra) {
        List<String> problems = new ArrayList<>();
        List<String> searched = new ArrayList<>();
        List<PluginClassLoader> loaders = new ArrayList<>();
        Map<String, List<ContactPluginFactory>> bySource = new LinkedHashMap<>();
        searched.add(CLASS_PATH);
        List<ContactPluginFactory> builtIn = new ArrayList<>(extra);
        load(ServiceLoader.load(ContactPluginFactory.class, builtIns), CLASS_PATH, builtIn, problems);
        bySource.put(CLASS_PATH, builtIn);
        if (directory != null) {
            Path dir = directory.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                searched.add(dir + " (does not exist)");
            } else {
                for (Path entry : entries(dir, problems)) {
                    List<Path> jars = Files.isDirectory(entry) ? jarsIn(entry, problems) : List.of(entry);
                    String source = entry.toString();
                    if (jars.isEmpty()) {
                        continue; // a sub-directory without jars is not a plugin (e.g. sources next to built jars)
                    }
                    searched.add(source);
                    PluginClassLoader loader;
                    try {
                        loader = new PluginClassLoader(source, urls(jars), PluginRegistry.class.getClassLoader());
                    } catch (MalformedURLException e) {
                        problems.add(source + ": cannot be read: " + e.getMessage());
                        continue;
                    }
                    List<ContactPluginFactory> found = new ArrayList<>();
                    load(ServiceLoader.load(ContactPluginFactory.class, loader), source, found, problems);
                    found.removeIf(f -> f.getClass().getClassLoader() != loader);
                    if (found.isEmpty()) {
                        LOG.atWarn().setMessage("no plugin factory in plugin source; ignored").addKeyValue("source", source)
                                .log();
                        closeQuietly(loader);
                        continue;
                    }
                    loaders.add(loader);
                    bySource.put(source, found);
                }
            }
        }
        Map<String, Plugin> byName = new TreeMap<>();
        String searchedText = String.join(", ", searched);
        for (Map.Entry<String, List<ContactPluginFactory>> e : bySource.entrySet()) {
            String source = e.getKey();
            List<ContactPluginFactory> ok = new ArrayList<>();
            for (ContactPluginFactory f : e.getValue()) {
                String name = safeName(f);
                if (name == null || !NAME.matcher(name).matches()) {
                    problems.add("plugin factory " + f.getClass().getName() + " (" + source + ") has an invalid name '"
                            + name + "': names are 1-64 lower-case letters, digits and '-'");
                    continue;
                }
                try {
                    // The SPI version check every kind of extension shares.
                    Extensions.index("plugin", List.of(f), PluginRegistry::safeName, PluginRegistry::safeVersion);
                    ok.add(f);
                } catch (IllegalStateException | IllegalArgumentException ex) {
                    problems.add(ex.getMessage() + " (loaded from " + source + ")");
                }
            }
            for (ContactPluginFactory f : ok) {
                Plugin previous = byName.putIfAbsent(f.name(), new Plugin(f, source));
                if (previous != null) {
                    problems.add("two plugins are named '" + f.name() + "': " + previous.factory().getClass().getName()
                            + " (" + previous.source() + ") and " + f.getClass().getName() + " (" + source
                            + "); plugin sources searched: " + searchedText);
                }
            }
        }
        if (!problems.isEmpty()) {
            loaders.forEach(PluginRegistry::closeQuietly);
            throw new ConfigException(null, problems.stream().map(p -> ConfigProblem.invalid("plugins", p, null))
                    .toList());
        }
        for (Plugin p : byName.values()) {
            LOG.atInfo().setMessage("plugin loaded").addKeyValue("plugin", p.factory().name())
                    .addKeyValue("source", p.source()).addKeyValue("spiVersion", p.factory().spiVersion()).log();
        }
        return new PluginRegistry(Collections.unmodifiableMap(byName), List.copyOf(searched), List.copyOf(loaders));
    }

    private static String safeName(ContactPluginFactory f) {
        try {
            return f.name();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static String safeVersion(ContactPluginFactory f) {
        try {
            String v = f.spiVersion();
            return v == null ? "(none)" : v;
        } catch (RuntimeException | LinkageError e) {
            return "(unknown: " + e.getClass().getSimpleName() + ")";
        }
    }

    private static void load(ServiceLoader<ContactPluginFactory> sl, String source, List<ContactPluginFactory> into,
                             List<String> problems) {
        var it = sl.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return;
                }
                into.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(source + ": a plugin factory cannot be loaded: " + e.getMessage());
                if (e instanceof LinkageError) {
                    return;
                }
            }
        }
    }

    private static List<Path> entries(Path dir, List<String> problems) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar")) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            problems.add(dir + ": cannot be listed: " + e.getMessage());
        }
        Collections.sort(out);
        return out;
    }

    private static List<Path> jarsIn(Path dir, List<String> problems) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
            ds.forEach(out::add);
        } catch (IOException e) {
            problems.add(dir + ": cannot be listed: " + e.getMessage());
        }
        Collections.sort(out);
        return out;
    }

    private static URL[] urls(List<Path> jars) throws MalformedURLException {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        return urls;
    }

    private static void closeQuietly(PluginClassLoader l) {
        try {
            l.close();
        } catch (IOException e) {
            LOG.warn("closing a plugin class loader failed: {}", e.toString());
        }
    }

    /**
     * @param name a plugin name
     * @return the plugin, if loaded
     */
    public Optional<Plugin> plugin(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return every loaded plugin, by name */
    public Map<String, Plugin> all() {
        return byName;
    }

    /** @return the loaded plugin names, sorted */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** @return the plugin sources searched, for messages: {@code class path} and each jar or directory */
    public List<String> searched() {
        return searched;
    }

    /** Closes the third-party class loaders. */
    @Override
    public void close() {
        loaders.forEach(PluginRegistry::closeQuietly);
    }
}

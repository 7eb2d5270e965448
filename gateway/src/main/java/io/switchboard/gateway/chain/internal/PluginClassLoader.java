package io.switchboard.gateway.chain.internal;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one third-party plugin (Trino's {@code PluginClassLoader} is the model). The plugin's own
 * jars come first for everything; through the gateway's class loader it sees only the packages plugins are
 * compiled against (the SPI and Vert.x) and what those expose in their signatures (Netty, Jackson core for
 * Vert.x's JSON, the SLF4J API). Everything else the gateway uses (libphonenumber, resilience4j, Micrometer,
 * the SQLite driver, the gateway's own classes) is invisible, so a plugin may bundle its own version of any of
 * them. JDK classes come from the platform class loader.
 */
public final class PluginClassLoader extends URLClassLoader {

    /** Packages always taken from the gateway: the contract itself; a plugin's copy is ignored. */
    private static final List<String> SHARED_ALWAYS = List.of("io.switchboard.spi.");
    /**
     * Packages taken from the gateway when it has them (so Future, Vertx and JsonObject are the gateway's), and
     * from the plugin's jars otherwise (a Vert.x client module the gateway does not ship).
     */
    private static final List<String> SHARED_IF_PRESENT = List.of("io.vertx.", "io.netty.",
            "com.fasterxml.jackson.core.", "org.slf4j.");

    private final ClassLoader gateway;
    private final String source;

    static {
        ClassLoader.registerAsParallelCapable();
    }

    /**
     * @param source  what the plugin was loaded from (a jar or a directory), for messages
     * @param urls    the plugin's jars
     * @param gateway the gateway's class loader, for the shared packages
     */
    public PluginClassLoader(String source, URL[] urls, ClassLoader gateway) {
        super("plugin:" + source, urls, ClassLoader.getPlatformClassLoader());
        this.gateway = gateway;
        this.source = source;
    }

    /** @return what the plugin was loaded from */
    public String source() {
        return source;
    }

    static boolean sharedAlways(String name) {
        for (String p : SHARED_ALWAYS) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    static boolean sharedIfPresent(String name) {
        for (String p : SHARED_IF_PRESENT) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (sharedAlways(name)) {
                    c = gateway.loadClass(name);
                } else if (sharedIfPresent(name)) {
                    try {
                        c = gateway.loadClass(name);
                    } catch (ClassNotFoundException e) {
                        c = findClass(name);
                    }
                } else {
                    // JDK first (it cannot be overridden), then the plugin's own jars.
                    c = super.loadClass(name, false);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private static boolean sharedResource(String name) {
        String asClass = name.replace('/', '.');
        return sharedAlways(asClass) || sharedIfPresent(asClass);
    }

    @Override
    public URL getResource(String name) {
        if (sharedResource(name)) {
            URL u = gateway.getResource(name);
            if (u != null) {
                return u;
            }
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        // Service files and other resources: the plugin's own only (never the gateway's built-in services).
        List<URL> out = new ArrayList<>(Collections.list(super.getResources(name)));
        if (sharedResource(name)) {
            out.addAll(Collections.list(gateway.getResources(name)));
        }
        return Collections.enumeration(out);
    }
}

package io.switchboard.gateway.testing;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds third-party plugin jars at test time, as a plugin author's build would: compiles the given sources
 * against the SPI (and any extra jars, e.g. a library the plugin bundles) and packages them with a
 * {@code META-INF/services} file listing the factories.
 */
public final class PluginJars {

    private PluginJars() {
    }

    /**
     * @param jar       the jar to write
     * @param sources   source text by fully qualified class name
     * @param compileCp extra jars to compile against (not packaged)
     * @param factories the factory classes to list as services
     * @return the jar
     * @throws IOException when it cannot be built
     */
    public static Path build(Path jar, Map<String, String> sources, List<Path> compileCp, String... factories)
            throws IOException {
        Path work = Files.createTempDirectory("plugin-build");
        Path src = work.resolve("src");
        Path out = work.resolve("classes");
        Files.createDirectories(out);
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
            files.add(f.toString());
        }
        StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
        for (Path p : compileCp) {
            cp.insert(0, p.toAbsolutePath() + java.io.File.pathSeparator);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", out.toString(), "-cp",
                cp.toString()));
        args.addAll(files);
        int rc = javac.run(null, err, err, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IOException("plugin sources did not compile: " + err.toString(StandardCharsets.UTF_8));
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> classes = Files.walk(out)) {
            for (Path c : classes.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(out.relativize(c).toString().replace('\\', '/')));
                Files.copy(c, j);
                j.closeEntry();
            }
            j.putNextEntry(new JarEntry("META-INF/services/io.switchboard.spi.plugin.ContactPluginFactory"));
            OutputStream o = j;
            o.write((String.join("\n", factories) + "\n").getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return jar;
    }

    /**
     * A tagging plugin: adds the tag configured under {@code tag} (default {@code tagged}).
     *
     * @param pkg  the Java package (so several copies can coexist)
     * @param name the plugin name
     * @return the sources
     */
    public static Map<String, String> tagger(String pkg, String name) {
        return Map.of(pkg + ".TagFactory", """
                package %s;

                import io.switchboard.spi.SpiVersion;
                import io.switchboard.spi.config.ConfigKey;
                import io.switchboard.spi.config.ConfigSpec;
                import io.switchboard.spi.plugin.ContactPlugin;
                import io.switchboard.spi.plugin.ContactPluginFactory;
                import io.switchboard.spi.plugin.PluginInitContext;
                import io.switchboard.spi.plugin.PluginResult;
                import io.vertx.core.Future;

                public class TagFactory implements ContactPluginFactory {
                    public String name() { return "%s"; }
                    public String spiVersion() { return SpiVersion.CURRENT; }
                    public ConfigSpec configSpec() {
                        return ConfigSpec.of(ConfigKey.string("tag").defaultValue("tagged").doc("The tag."));
                    }
                    public ContactPlugin create(PluginInitContext ctx) {
                        String tag = ctx.config().getString("tag");
                        return (contact, call) -> Future.succeededFuture(PluginResult.proceed(contact.withTag(tag)));
                    }
                }
                """.formatted(pkg, name));
    }
}

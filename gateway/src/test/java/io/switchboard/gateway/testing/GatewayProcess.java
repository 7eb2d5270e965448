package io.switchboard.gateway.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as a separate JVM ({@code io.switchboard.gateway.Main} on the test class path), so a test can
 * kill it with SIGKILL and start it again on the same data.
 */
public final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int adminPort;

    private GatewayProcess(Process process, int port, int adminPort) {
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
    }

    /**
     * Starts the gateway and waits until it is live.
     *
     * @param config    the configuration file (with fixed ports)
     * @param port      its public port
     * @param adminPort its admin port
     * @param env       extra environment variables
     * @param log       where its output goes (appended)
     * @return the running process
     * @throws Exception when it does not come up within 60 s
     */
    public static GatewayProcess start(Path config, int port, int adminPort, Map<String, String> env, Path log)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.switchboard.gateway.Main",
                "--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        GatewayProcess gp = new GatewayProcess(p, port, adminPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("gateway exited with " + p.exitValue() + ": "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            if (gp.live()) {
                return gp;
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new IllegalStateException("gateway did not come up within 60 s");
    }

    private boolean live() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health/live").toURL()
                    .openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the process id, e.g. to send it a signal */
    public long pid() {
        return process.pid();
    }

    /** @return the public port */
    public int port() {
        return port;
    }

    /** @return the admin port */
    public int adminPort() {
        return adminPort;
    }

    /**
     * Kills the process with SIGKILL: no shutdown hook, no flush.
     *
     * @throws InterruptedException when interrupted while waiting for it to die
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * @return a free port
     * @throws IOException never in practice
     */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

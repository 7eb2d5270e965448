package io.switchboard.gateway.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of the child JVM {@link KafkaBroker} starts: formats the KRaft log directory on first start, then
 * runs {@code kafka.Kafka}. It halts as soon as its standard input closes, so that a test JVM that dies (or is
 * killed) never leaves a broker behind. Uses only the JDK and, by reflection, the broker's classes: it runs on
 * the broker's classpath, not the gateway's.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    /**
     * @param args the server.properties file, the cluster id, the log directory
     * @throws Exception when the broker cannot start
     */
    public static void main(String[] args) throws Exception {
        String props = args[0];
        String clusterId = args[1];
        Path logDir = Path.of(args[2]);
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; EOF means it closed the pipe or died
                }
            } catch (IOException e) {
                // the same
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int rc = (int) Class.forName("kafka.tools.StorageTool")
                    .getMethod("execute", String[].class, PrintStream.class)
                    .invoke(null, new String[] {"format", "--cluster-id=" + clusterId, "--config=" + props}, System.out);
            if (rc != 0) {
                System.err.println("formatting the log directory failed: " + rc);
                Runtime.getRuntime().halt(rc);
            }
        }
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[] {props});
    }
}

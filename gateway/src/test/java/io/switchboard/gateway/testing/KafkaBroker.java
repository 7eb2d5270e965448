package io.switchboard.gateway.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (KRaft, broker and controller in one node) for the tests: a child JVM started from the
 * classpath the {@code test-kafka-broker} module resolves from Maven Central, on free loopback ports, with its log
 * directory in a temporary directory. Started once per test JVM ({@link #shared()}) and reused by every test class;
 * stopped by its process handle when the JVM exits (and, should the JVM die, by the child itself when its standard
 * input closes).
 *
 * <p>Two listeners: {@link #bootstrap()} directly, and {@link #proxiedBootstrap()} through a {@link TcpProxy}
 * (advertised as the proxy's port, so clients stay behind it), for outages that do not stop the broker. The broker
 * can also really be stopped and started again ({@link #stop()}, {@link #start()}), keeping its data and ports.
 */
public final class KafkaBroker {

    private static KafkaBroker shared;

    private final Path dir;
    private final Path classpath;
    private final int port;
    private final int proxiedPort;
    private final int controllerPort;
    private final TcpProxy proxy;
    private final String clusterId;
    private Process process;
    private OutputStream stdin;
    private int starts;

    private KafkaBroker(Path dir, Path classpath) throws Exception {
        this.dir = dir;
        this.classpath = classpath;
        this.port = freePort();
        this.proxiedPort = freePort();
        this.controllerPort = freePort();
        this.proxy = TcpProxy.to("127.0.0.1", proxiedPort);
        this.clusterId = clusterId();
        Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",PROXIED://127.0.0.1:" + proxiedPort
                        + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",PROXIED://127.0.0.1:" + proxy.port(),
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,PROXIED:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // A restarted broker re-registers only once its previous incarnation's session has expired
                // (DuplicateBrokerRegistrationException until then): short sessions keep a restart to seconds.
                "broker.session.timeout.ms=1000",
                "broker.heartbeat.interval.ms=200",
                "controller.quorum.election.timeout.ms=300",
                "controller.quorum.election.backoff.max.ms=100",
                "") , StandardCharsets.UTF_8);
    }

    /**
     * The broker of this test run, started on first use.
     *
     * @return the running broker
     */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            try {
                Path cp = classpathFile();
                Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kafka-broker-");
                KafkaBroker b = new KafkaBroker(dir, cp);
                b.start();
                Runtime.getRuntime().addShutdownHook(new Thread(b::stopQuietly, "kafka-broker-stop"));
                shared = b;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test Kafka broker: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    private static Path classpathFile() {
        String override = System.getProperty("kafka.broker.classpath", System.getenv("SWITCHBOARD_TEST_KAFKA_CLASSPATH"));
        Path p = override != null ? Path.of(override)
                : Path.of("").toAbsolutePath().resolveSibling("test-kafka-broker").resolve("target/broker.classpath");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no broker classpath at " + p + ": build the test-kafka-broker module first "
                    + "(mvn -pl gateway -am …)");
        }
        return p;
    }

    /** @return {@code host:port} of the direct listener */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** @return {@code host:port} of the listener behind {@link #proxy()} */
    public String proxiedBootstrap() {
        return "127.0.0.1:" + proxy.port();
    }

    /** @return the proxy in front of {@link #proxiedBootstrap()}: cut it for an outage without stopping the broker */
    public TcpProxy proxy() {
        return proxy;
    }

    /**
     * Starts (or starts again) the broker process and waits until it answers.
     *
     * @throws Exception when it does not come up within 60 s
     */
    public synchronized void start() throws Exception {
        if (process != null && process.isAlive()) {
            return;
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = Files.readString(classpath, StandardCharsets.UTF_8).trim() + java.io.File.pathSeparator
                + Path.of(KafkaBrokerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path log = dir.resolve("broker-" + (++starts) + ".log");
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-Dorg.slf4j.simpleLogger.log.kafka.log=WARN", "-cp", cp,
                KafkaBrokerMain.class.getName(), dir.resolve("server.properties").toString(), clusterId,
                dir.resolve("data").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        process = pb.start();
        stdin = process.getOutputStream();
        awaitReady(log, t0);
    }

    private void awaitReady(Path log, long t0) throws Exception {
        long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("broker exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        p.put("request.timeout.ms", "5000");
        p.put("default.api.timeout.ms", "10000");
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                    break;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("broker did not answer within 60 s; see " + log, e);
                    }
                    Thread.sleep(100);
                }
            }
        }
        System.out.printf("test Kafka broker up on %s after %d ms%n", bootstrap(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /**
     * Stops the broker process at once (SIGKILL, as a crash), keeping its data for {@link #start()}.
     *
     * @throws InterruptedException when interrupted while waiting for it to exit
     */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.toHandle().destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("broker process " + process.pid() + " did not exit");
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        process = null;
    }

    private void stopQuietly() {
        try {
            stop();
            proxy.close();
        } catch (Exception e) {
            // the JVM is exiting
        }
    }

    /**
     * Creates a topic.
     *
     * @param name       the topic
     * @param partitions partitions
     * @throws Exception when it cannot
     */
    public void createTopic(String name, int partitions) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Reads a topic from the beginning to its current end.
     *
     * @param topic the topic
     * @return every record, partition by partition, in offset order
     */
    public List<ConsumerRecord<String, String>> records(String topic) {
        return records(bootstrap(), topic);
    }

    /**
     * Reads a topic of any broker from the beginning to its current end.
     *
     * @param bootstrap the broker's {@code host:port}
     * @param topic     the topic
     * @return every record, partition by partition, in offset order
     */
    public static List<ConsumerRecord<String, String>> records(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(10));
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 20 s");
                }
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /**
     * Reads a topic and counts its records by the {@code contact-id} header the kafka sink writes.
     *
     * @param topic the topic
     * @return records per contact id
     */
    public Map<String, Integer> countByContactId(String topic) {
        return countByContactId(bootstrap(), topic);
    }

    /**
     * @param bootstrap a broker's {@code host:port}
     * @param topic     the topic
     * @return records per contact id
     */
    public static Map<String, Integer> countByContactId(String bootstrap, String topic) {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> r : records(bootstrap, topic)) {
            var h = r.headers().lastHeader("contact-id");
            out.merge(h == null ? "(none)" : new String(h.value(), StandardCharsets.UTF_8), 1, Integer::sum);
        }
        return out;
    }

    /** @return a new topic name, unique in this run */
    public static String freshTopic() {
        return "sb-test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String clusterId() {
        // 16 random bytes, URL-safe base64 without padding: 22 characters, as kafka-storage random-uuid prints.
        UUID u = UUID.randomUUID();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

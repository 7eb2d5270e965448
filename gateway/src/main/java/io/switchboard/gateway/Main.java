package io.switchboard.gateway;

import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.spi.config.ConfigException;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Command-line entry: {@code java -jar switchboard-gateway.jar [--config config/gateway.yaml]}. The
 * configuration path may also come from {@code SWITCHBOARD_CONFIG}. Exits with status 2 on an invalid
 * configuration, printing every problem.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /**
     * @param args {@code --config <file>}
     * @throws Exception on an unexpected start-up failure
     */
    public static void main(String[] args) throws Exception {
        Path config = Path.of(System.getenv().getOrDefault("SWITCHBOARD_CONFIG", "config/gateway.yaml"));
        for (int i = 0; i < args.length; i++) {
            if (("--config".equals(args[i]) || "-c".equals(args[i])) && i + 1 < args.length) {
                config = Path.of(args[++i]);
            } else if ("--help".equals(args[i]) || "-h".equals(args[i])) {
                System.out.println("usage: switchboard-gateway [--config config/gateway.yaml]");
                return;
            } else {
                System.err.println("unknown argument: " + args[i] + "\nusage: switchboard-gateway [--config config/gateway.yaml]");
                System.exit(2);
            }
        }
        ChannelRegistry registry = ChannelRegistry.discover(Main.class.getClassLoader());
        GatewayConfig cfg;
        Vertx bootstrap = Vertx.vertx();
        try {
            cfg = ConfigLoader.load(bootstrap, config, System.getenv(), registry);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } finally {
            bootstrap.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(cfg, registry, Clock.systemUTC());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        io.switchboard.gateway.internal.ReloadSignal.install(() -> gateway.reloadChains());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            try {
                gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("shutdown did not complete cleanly: {}", e.toString());
            }
            stopped.countDown();
        }, "switchboard-shutdown"));
        stopped.await();
    }
}

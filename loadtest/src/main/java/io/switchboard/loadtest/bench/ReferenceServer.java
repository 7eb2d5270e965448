package io.switchboard.loadtest.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.TimeUnit;

/**
 * The benchmark's physical limit: a bare Vert.x HTTP server that reads each request's body and answers
 * 200 with an empty body, nothing else, on as many event loops as the gateway uses (one per core). What the
 * gateway does on top of this (verify, parse, normalise, store durably, answer) is what the benchmark measures.
 *
 * <p>Usage: {@code ReferenceServer <port> [instances]}
 */
public final class ReferenceServer extends VerticleBase {

    private final int port;

    private ReferenceServer(int port) {
        this.port = port;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(req -> req.body().onComplete(ar -> req.response().setStatusCode(ar.succeeded() ? 200 : 400)
                        .end()))
                .listen();
    }

    /**
     * @param args the port, then optionally the number of event loops (default: one per core)
     * @throws Exception when it cannot listen
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ReferenceServer <port> [instances]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new ReferenceServer(port), new DeploymentOptions().setInstances(instances))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("reference server listening on 127.0.0.1:" + port + " with " + instances + " event loops");
    }
}

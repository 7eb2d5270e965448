package io.switchboard.gateway.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of a real service, to simulate its outage without stopping it for other tests:
 * {@link #cut()} drops every connection and refuses new ones, {@link #restore()} lets them through again.
 */
public final class TcpProxy implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    private TcpProxy(String host, int port) throws Exception {
        client = vertx.createNetClient();
        server = vertx.createNetServer().connectHandler(in -> {
            if (cut) {
                in.close();
                return;
            }
            in.pause();
            sockets.add(in);
            client.connect(port, host).onComplete(ar -> {
                if (ar.failed() || cut) {
                    in.close();
                    if (ar.succeeded()) {
                        ar.result().close();
                    }
                    return;
                }
                NetSocket out = ar.result();
                sockets.add(out);
                in.handler(out::write);
                out.handler(in::write);
                in.closeHandler(v -> {
                    sockets.remove(in);
                    out.close();
                });
                out.closeHandler(v -> {
                    sockets.remove(out);
                    in.close();
                });
                in.resume();
            });
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * @param host the real service's host
     * @param port its port
     * @return a running proxy
     * @throws Exception when it cannot listen
     */
    public static TcpProxy to(String host, int port) throws Exception {
        return new TcpProxy(host, port);
    }

    /** @return the proxy's port */
    public int port() {
        return server.actualPort();
    }

    /** Drops every connection and refuses new ones: the service is "down". */
    public void cut() {
        cut = true;
        sockets.forEach(NetSocket::close);
    }

    /** Accepts connections again: the service is "back". */
    public void restore() {
        cut = false;
    }

    @Override
    public void close() throws Exception {
        cut();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

package io.switchboard.gateway.sink.containers;

import io.switchboard.gateway.sink.ContactSinkContract;
import io.switchboard.gateway.sink.postgres.PostgresSinkFactory;
import io.switchboard.gateway.testing.SinkContexts;
import io.switchboard.gateway.testing.TcpProxy;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.sink.ContactSink;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The sink contract against PostgreSQL in a container, where Docker runs; skipped cleanly where it does not (the
 * same behaviour is tested against the real server on 127.0.0.1:5432 by {@code PostgresSinkContractTest}).
 */
@Testcontainers(disabledWithoutDocker = true)
class PostgresSinkContainerTest extends ContactSinkContract {

    @Container
    static final GenericContainer<?> PG = new GenericContainer<>("postgres:15-alpine")
            .withEnv("POSTGRES_PASSWORD", "test").withEnv("POSTGRES_DB", "test").withExposedPorts(5432)
            .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\n", 2)
                    .withStartupTimeout(Duration.ofSeconds(90)));

    private TcpProxy proxy;
    private Pool reader;

    @Override
    protected void setUpTarget() throws Exception {
        proxy = TcpProxy.to(PG.getHost(), PG.getMappedPort(5432));
        reader = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(PG.getHost())
                .setPort(PG.getMappedPort(5432)).setDatabase("test").setUser("postgres").setPassword("test"))
                .using(vertx).build();
    }

    @Override
    protected void tearDownTarget() throws Exception {
        await(reader.close());
        proxy.close();
    }

    @Override
    protected ContactSink createSink(Vertx vertx) throws Exception {
        return SinkContexts.start(vertx, new PostgresSinkFactory(), "pg", new JsonObject().put("host", "127.0.0.1")
                .put("port", proxy.port()).put("database", "test").put("user", "postgres")
                .put("password", "${env:PG_CONTAINER_PASSWORD}").put("schema", "sink_contract")
                .put("connectTimeout", "2s"), Map.of("PG_CONTAINER_PASSWORD", "test"));
    }

    @Override
    protected Map<String, Integer> recordsById() throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (Row r : await(reader.query("SELECT contact_id, count(*) FROM sink_contract.contacts GROUP BY contact_id")
                .execute())) {
            out.put(r.getString(0), r.getLong(1).intValue());
        }
        return out;
    }

    @Override
    protected Contact refusedByTarget(Contact c) {
        return c.toBuilder().content(c.content().withText("nul \u0000 inside")).build();
    }

    @Override
    protected void targetDown() {
        proxy.cut();
    }

    @Override
    protected void targetUp() {
        proxy.restore();
    }
}

package io.switchboard.gateway.sink.postgres;

import io.switchboard.gateway.sink.ContactSinkContract;
import io.switchboard.gateway.testing.Postgres;
import io.switchboard.gateway.testing.SinkContexts;
import io.switchboard.gateway.testing.TcpProxy;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.sink.ContactSink;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;

/** The sink contract against the real PostgreSQL on 127.0.0.1:5432, outages simulated by a TCP proxy. */
class PostgresSinkContractTest extends ContactSinkContract {

    private final String schema = Postgres.freshSchema();
    private TcpProxy proxy;

    @Override
    protected void setUpTarget() throws Exception {
        proxy = TcpProxy.to(Postgres.HOST, Postgres.PORT);
    }

    @Override
    protected void tearDownTarget() throws Exception {
        proxy.close();
        Postgres.dropSchema(schema);
    }

    @Override
    protected ContactSink createSink(Vertx vertx) throws Exception {
        return SinkContexts.start(vertx, new PostgresSinkFactory(), "pg", new JsonObject().put("host", "127.0.0.1")
                .put("port", proxy.port()).put("database", Postgres.DATABASE).put("user", Postgres.USER)
                .put("schema", schema).put("connectTimeout", "2s"));
    }

    @Override
    protected Map<String, Integer> recordsById() {
        Map<String, Integer> out = new HashMap<>();
        String rows = Postgres.psql("SELECT contact_id || ' ' || count(*) FROM " + schema + ".contacts GROUP BY contact_id");
        for (String line : rows.split("\n")) {
            if (!line.isBlank()) {
                String[] p = line.split(" ");
                out.put(p[0], Integer.parseInt(p[1]));
            }
        }
        return out;
    }

    @Override
    protected Contact refusedByTarget(Contact c) {
        // PostgreSQL text and jsonb cannot hold U+0000: SQLSTATE 22P05.
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

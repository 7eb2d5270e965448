package io.switchboard.gateway.internal;

import io.switchboard.gateway.testing.Postgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PgSchemaMigratorTest {

    private final String schema = Postgres.freshSchema();
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        Postgres.dropSchema(schema);
    }

    private Pool pool() {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(new PgConnectOptions()
                .setHost(Postgres.HOST).setPort(Postgres.PORT).setDatabase(Postgres.DATABASE).setUser(Postgres.USER))
                .using(vertx).build();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aLaterStepShouldUpgradeAnExistingSchemaOnce() throws Exception {
        List<String> v1 = List.of("CREATE TABLE t (id text PRIMARY KEY)");
        List<String> v2 = List.of("ALTER TABLE t ADD COLUMN n integer NOT NULL DEFAULT 0", "INSERT INTO t VALUES ('x', 1)");
        Pool pool = pool();
        assertThat(await(new PgSchemaMigrator("test", 42, List.of(v1)).apply(pool, schema))).isZero();
        assertThat(await(new PgSchemaMigrator("test", 42, List.of(v1, v2)).apply(pool, schema))).isEqualTo(1);
        assertThat(await(new PgSchemaMigrator("test", 42, List.of(v1, v2)).apply(pool, schema))).isEqualTo(2);
        assertThat(Postgres.psql("SELECT string_agg(version::text, ',' ORDER BY version) FROM " + schema + ".schema_version"))
                .isEqualTo("1,2");
        assertThat(Postgres.psql("SELECT id || n FROM " + schema + ".t")).isEqualTo("x1");
        await(pool.close());
    }

    @Test
    void instancesStartingTogetherShouldApplyEachStepOnce() throws Exception {
        PgSchemaMigrator m = new PgSchemaMigrator("test", 43, List.of(List.of("CREATE TABLE t (id text)",
                "INSERT INTO t VALUES ('once')")));
        List<Pool> pools = new ArrayList<>();
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Pool p = pool();
            pools.add(p);
            runs.add(m.apply(p, schema));
        }
        await(Future.all(runs));
        assertThat(Postgres.psql("SELECT count(*) FROM " + schema + ".t")).isEqualTo("1");
        assertThat(Postgres.psql("SELECT count(*) FROM " + schema + ".schema_version")).isEqualTo("1");
        for (Pool p : pools) {
            await(p.close());
        }
    }

    @Test
    void aSchemaNameThatIsNotAnIdentifierShouldBeRefused() {
        Pool pool = pool();
        assertThat(new PgSchemaMigrator("test", 44, List.of()).apply(pool, "x; DROP TABLE y").failed()).isTrue();
    }
}

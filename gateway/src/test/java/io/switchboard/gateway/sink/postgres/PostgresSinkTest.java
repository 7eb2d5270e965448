package io.switchboard.gateway.sink.postgres;

import io.switchboard.gateway.testing.Postgres;
import io.switchboard.gateway.testing.SinkContacts;
import io.switchboard.gateway.testing.SinkContexts;
import io.switchboard.gateway.testing.TcpProxy;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.DeliveryResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the postgres sink writes besides the contacts themselves, and how it starts. */
class PostgresSinkTest {

    private final String schema = Postgres.freshSchema();
    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        Postgres.dropSchema(schema);
    }

    private JsonObject config(int port) {
        return new JsonObject().put("host", Postgres.HOST).put("port", port).put("database", Postgres.DATABASE)
                .put("user", Postgres.USER).put("schema", schema).put("connectTimeout", "2s");
    }

    private ContactSink sink() throws Exception {
        return SinkContexts.start(vertx, new PostgresSinkFactory(), "pg", config(Postgres.PORT));
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private String q(String sql) {
        return Postgres.psql(sql.replace("$s", schema));
    }

    @Test
    void startShouldCreateTheDocumentedSchemaAtItsLatestVersion() throws Exception {
        await(sink().close());
        assertThat(q("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables "
                + "WHERE table_schema = '$s'"))
                .isEqualTo("contact_identities,contacts,conversations,customers,identities,schema_version");
        assertThat(q("SELECT max(version) FROM $s.schema_version")).isEqualTo("1");
        await(sink().close()); // a second start changes nothing
        assertThat(q("SELECT count(*) FROM $s.schema_version")).isEqualTo("1");
    }

    @Test
    void contactsShouldBeStoredAsJsonObjectsWithTheirColumns() throws Exception {
        ContactSink s = sink();
        Contact c = SinkContacts.contact(0);
        await(s.deliver(SinkContacts.deliveries(List.of(c), 1)));
        assertThat(q("SELECT jsonb_typeof(contact) || ' ' || (contact->>'id') || ' ' || channel_type || ' ' || kind || ' ' "
                + "|| customer_id || ' ' || conversation_key || ' ' || schema_version FROM $s.contacts"))
                .isEqualTo("object " + c.id() + " web-form form cust-42 conv-jane-0 1");
        await(s.close());
    }

    @Test
    void aRedeliveryShouldNotCountAContactTwiceInCustomersIdentitiesOrConversations() throws Exception {
        ContactSink s = sink();
        List<Contact> cs = SinkContacts.contacts(6); // 0 and 3: Jane, customer cust-42, conversations conv-jane-0/1
        await(s.deliver(SinkContacts.deliveries(cs, 1)));
        await(s.deliver(SinkContacts.deliveries(cs, 2)));
        assertThat(q("SELECT contact_count FROM $s.customers WHERE customer_id = 'cust-42'")).isEqualTo("2");
        assertThat(q("SELECT contact_count || ' ' || coalesce(customer_id, '-') FROM $s.identities "
                + "WHERE kind = 'email' AND value = 'jane.doe@example.com'")).isEqualTo("2 cust-42");
        assertThat(q("SELECT contact_count FROM $s.identities WHERE kind = 'phone' AND value = '+447700900456'"))
                .isEqualTo("2");
        assertThat(q("SELECT contact_count || ' ' || array_to_string(channels, ',') FROM $s.conversations "
                + "WHERE conversation_key = 'conv-jane-0'")).isEqualTo("1 contact-us");
        assertThat(q("SELECT count(*) FROM $s.conversations")).isEqualTo("2");
        assertThat(q("SELECT count(*) FROM $s.contact_identities")).isEqualTo("10"); // form: phone+email, WhatsApp: user+phone, X: user
        await(s.close());
    }

    @Test
    void twoInstancesDeliveringTheSameContactsAtOnceShouldStoreEachOnce() throws Exception {
        ContactSink a = sink();
        ContactSink b = sink();
        List<Contact> cs = SinkContacts.contacts(60);
        List<DeliveryResult> ra = await(Future.all(a.deliver(SinkContacts.deliveries(cs, 1)),
                b.deliver(SinkContacts.deliveries(cs, 1)))
                .map(f -> f.<List<DeliveryResult>>resultAt(0)));
        assertThat(ra).allMatch(r -> r instanceof DeliveryResult.Delivered);
        assertThat(q("SELECT count(*) FROM $s.contacts")).isEqualTo("60");
        assertThat(q("SELECT contact_count FROM $s.customers WHERE customer_id = 'cust-42'")).isEqualTo("20");
        await(a.close());
        await(b.close());
    }

    @Test
    void aSinkWhoseDatabaseIsDownShouldStartAndMigrateBeforeItsFirstDelivery() throws Exception {
        try (TcpProxy proxy = TcpProxy.to(Postgres.HOST, Postgres.PORT)) {
            proxy.cut();
            ContactSink s = SinkContexts.start(vertx, new PostgresSinkFactory(), "pg", config(proxy.port()));
            List<Contact> cs = SinkContacts.contacts(2);
            assertThatThrownBy(() -> await(s.deliver(SinkContacts.deliveries(cs, 1))));
            proxy.restore();
            assertThat(await(s.deliver(SinkContacts.deliveries(cs, 2)))).allMatch(r -> r instanceof DeliveryResult.Delivered);
            assertThat(q("SELECT count(*) FROM $s.contacts")).isEqualTo("2");
            await(s.close());
        }
    }

    @Test
    void aSchemaNewerThanTheGatewaysShouldFailStartUp() throws Exception {
        await(sink().close());
        q("INSERT INTO $s.schema_version VALUES (99)");
        assertThatThrownBy(this::sink).hasMessageContaining("version 99").hasMessageContaining("upgrade the gateway");
    }

    @Test
    void anInvalidSchemaNameShouldBeRefusedWithItsKey() {
        assertThatThrownBy(() -> SinkContexts.start(vertx, new PostgresSinkFactory(), "pg",
                config(Postgres.PORT).put("schema", "Bad-Name; DROP")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sinks.pg")
                .hasMessageContaining("schema: must be a lower-case SQL identifier");
    }
}

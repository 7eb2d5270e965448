package io.switchboard.gateway.chain;

import io.switchboard.gateway.internal.GatewayServices;
import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.ContactPluginFactory;
import io.switchboard.spi.plugin.PluginInitContext;
import io.switchboard.spi.plugin.PluginResult;
import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.testkit.InMemoryCustomerDirectory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.switchboard.gateway.chain.ChainRig.chain;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code PluginInitContext.service(Class)} returns the services the gateway was started with. */
class ServicesToPluginsTest {

    /** Tags contacts whose sender's email is in the customer directory; says whether it got one at all. */
    static final class DirectoryLookup implements ContactPluginFactory {
        @Override
        public String name() {
            return "directory-lookup";
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public ConfigSpec configSpec() {
            return ConfigSpec.empty();
        }

        @Override
        public ContactPlugin create(PluginInitContext ctx) {
            CustomerDirectory dir = ctx.service(CustomerDirectory.class).orElse(null);
            return (contact, call) -> {
                if (dir == null) {
                    return Future.succeededFuture(PluginResult.proceed(contact.withTag("no-directory")));
                }
                return dir.findByIdentifier(contact.tenant(), new Identifier(Identifier.EMAIL,
                                contact.sender().email().address()))
                        .map(found -> PluginResult.proceed(found.isEmpty() ? contact.withTag("unknown-customer")
                                : contact.withTag("known-customer").withAttribute("lookup", "customer",
                                found.stream().map(CustomerRecord::id).findFirst().orElseThrow())));
            };
        }
    }

    @TempDir
    Path dir;

    @Test
    void pluginShouldReachTheServicesTheGatewayOffers() throws Exception {
        InMemoryCustomerDirectory directory = new InMemoryCustomerDirectory()
                .seed("default", "cust-7", "gold", new Identifier(Identifier.EMAIL, "known.person@example.org"));
        JsonObject config = ChainRig.config(new JsonObject().put("default", chain(new JsonObject()
                .put("plugin", "directory-lookup"))));
        try (ChainRig rig = new ChainRigWith(dir, config, GatewayServices.of(Map.of(CustomerDirectory.class, directory)))
                .start()) {
            String id = rig.gw.post("/webhooks/web", "application/json", new JsonObject()
                    .put("message", "hello").put("email", "Known.Person@example.org").encode())
                    .bodyAsJsonObject().getString("id");
            JsonObject c = rig.await(id, "processed");
            assertThat(c.getJsonArray("tags")).containsExactly("known-customer");
            assertThat(c.getJsonObject("attributes").getJsonObject("lookup").getString("customer")).isEqualTo("cust-7");
        }
    }

    @Test
    void pluginShouldSeeTheStoresDirectoryWhenNoOtherIsGiven() throws Exception {
        JsonObject config = ChainRig.config(new JsonObject().put("default", chain(new JsonObject()
                .put("plugin", "directory-lookup"))));
        try (ChainRig rig = new ChainRigWith(dir, config, GatewayServices.none()).start()) {
            String id = rig.gw.post("/webhooks/web", "application/json", new JsonObject()
                    .put("message", "hello").put("email", "nobody@example.org").encode())
                    .bodyAsJsonObject().getString("id");
            assertThat(rig.await(id, "processed").getJsonArray("tags")).containsExactly("unknown-customer");
        }
    }

    /** Starts a rig with the lookup plugin registered next to the scripted one. */
    private record ChainRigWith(Path dir, JsonObject config, GatewayServices services) {
        ChainRig start() throws Exception {
            return ChainRig.start(dir, config, services, List.of(new ScriptedPlugin(), new DirectoryLookup()));
        }
    }
}

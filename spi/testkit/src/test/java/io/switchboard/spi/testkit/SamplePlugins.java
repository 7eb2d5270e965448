package io.switchboard.spi.testkit;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.Validator;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.plugin.BlockingContactPlugin;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.ContactPluginFactory;
import io.switchboard.spi.plugin.PluginContext;
import io.switchboard.spi.plugin.PluginInitContext;
import io.switchboard.spi.plugin.PluginResult;
import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.List;

/** Small plugins the test kit's own tests run. */
final class SamplePlugins {

    private SamplePlugins() {
    }

    /** What {@link Behaving} does, chosen by its {@code behaviour} key. */
    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.oneOf("behaviour", "tag", "reject", "throw", "fail", "null-future", "null-result", "hang",
                    "new-id", "block-loop", "lookup").defaultValue("tag").doc("What to do."),
            ConfigKey.string("tag").required().doc("The tag to add."),
            ConfigKey.integer("weight").defaultValue(1).validate(Validator.atLeast(1)).doc("A weight."),
            ConfigKey.integer("min").defaultValue(0).doc("Lower bound."),
            ConfigKey.integer("max").defaultValue(10).doc("Upper bound."),
            ConfigKey.secret("apiKey").doc("A secret."));

    /** A plugin whose behaviour is configured. */
    static class Behaving implements ContactPluginFactory {
        @Override
        public String name() {
            return "behaving";
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public ConfigSpec configSpec() {
            return SPEC;
        }

        @Override
        public ContactPlugin create(PluginInitContext ctx) {
            if (ctx.config().getInt("min") > ctx.config().getInt("max")) {
                throw new ConfigException(null, List.of(ConfigProblem.invalid("min", "must not exceed max",
                        ctx.config().getInt("min"))));
            }
            String behaviour = ctx.config().getString("behaviour");
            String tag = ctx.config().getString("tag");
            CustomerDirectory dir = ctx.service(CustomerDirectory.class).orElse(null);
            String apiKey = ctx.config().getString("apiKey");
            return (contact, call) -> switch (behaviour) {
                case "reject" -> Future.succeededFuture(PluginResult.reject("not-wanted"));
                case "throw" -> throw new IllegalStateException("boom");
                case "fail" -> Future.failedFuture(new java.io.IOException("upstream down"));
                case "null-future" -> null;
                case "null-result" -> Future.succeededFuture(null);
                case "hang" -> Promise.<PluginResult>promise().future();
                case "new-id" -> Future.succeededFuture(PluginResult.proceed(contact.toBuilder().id("other").build()));
                case "block-loop" -> {
                    sleep(400);
                    yield Future.succeededFuture(PluginResult.proceed(contact));
                }
                case "lookup" -> dir.findByIdentifier(contact.tenant(),
                                new Identifier(Identifier.PHONE, contact.sender().phone().e164()))
                        .map(found -> PluginResult.proceed(found.isEmpty() ? contact
                                : contact.withAttribute("sample", "customer",
                                found.stream().map(CustomerRecord::id).findFirst().orElseThrow())));
                default -> Future.succeededFuture(PluginResult.proceed(contact.withTag(tag)
                        .withAttribute("sample", "keyed", apiKey != null)
                        .withAttribute("sample", "step", call.chain() + "." + call.step())));
            };
        }
    }

    /** A blocking plugin that records the thread it ran on. */
    static final class Blocking implements ContactPluginFactory {
        @Override
        public String name() {
            return "blocking-sample";
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
            return new BlockingContactPlugin() {
                @Override
                public PluginResult applyBlocking(Contact contact, PluginContext context) {
                    sleep(50);
                    return PluginResult.proceed(contact.withAttribute("sample", "thread", Thread.currentThread().getName()));
                }
            };
        }
    }

    /** A factory built for another SPI major version. */
    static final class Incompatible extends Behaving {
        @Override
        public String name() {
            return "old";
        }

        @Override
        public String spiVersion() {
            return "0.9";
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

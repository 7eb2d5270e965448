package io.switchboard.gateway.chain;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.ContactPluginFactory;
import io.switchboard.spi.plugin.PluginContext;
import io.switchboard.spi.plugin.PluginInitContext;
import io.switchboard.spi.plugin.PluginResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test plugin whose behaviour a test switches at run time through a named {@link Control}: proceed (tagging),
 * throw, fail its future, return null, hang, answer slowly, reject. It records every call.
 */
final class ScriptedPlugin implements ContactPluginFactory {

    enum Mode { OK, THROW, FAIL, NULL, HANG, SLOW, REJECT, BLOCK_THREAD }

    /** What a scripted step does now, and what it saw. */
    static final class Control {
        volatile Mode mode = Mode.OK;
        volatile long slowMs = 0;
        final AtomicInteger calls = new AtomicInteger();
        final ConcurrentLinkedQueue<Long> callTimes = new ConcurrentLinkedQueue<>();
        final Map<String, AtomicInteger> perContact = new ConcurrentHashMap<>();
        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        final ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
        final AtomicInteger closed = new AtomicInteger();

        Control mode(Mode m) {
            mode = m;
            return this;
        }

        int callsFor(String contactId) {
            AtomicInteger n = perContact.get(contactId);
            return n == null ? 0 : n.get();
        }
    }

    private static final Map<String, Control> CONTROLS = new ConcurrentHashMap<>();

    static Control control(String name) {
        return CONTROLS.computeIfAbsent(name, k -> new Control());
    }

    static void reset(String name) {
        CONTROLS.put(name, new Control());
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Test plugin driven by a named control.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                ConfigKey.string("control").required().doc("The control's name."),
                ConfigKey.string("tag").defaultValue("scripted").doc("The tag added when it proceeds."),
                ConfigKey.integer("min").defaultValue(0).doc("A lower bound."),
                ConfigKey.integer("max").defaultValue(10).doc("An upper bound."));
    }

    @Override
    public ContactPlugin create(PluginInitContext ctx) {
        if (ctx.config().getInt("min") > ctx.config().getInt("max")) {
            throw new ConfigException(null, List.of(ConfigProblem.invalid("min", "must not exceed max",
                    ctx.config().getInt("min"))));
        }
        Control c = control(ctx.config().getString("control"));
        String tag = ctx.config().getString("tag");
        return new ContactPlugin() {
            @Override
            public Future<PluginResult> apply(Contact contact, PluginContext call) {
                c.calls.incrementAndGet();
                c.callTimes.add(System.nanoTime());
                c.perContact.computeIfAbsent(contact.id(), k -> new AtomicInteger()).incrementAndGet();
                c.threads.add(Thread.currentThread().getName());
                int now = c.concurrent.incrementAndGet();
                c.maxConcurrent.accumulateAndGet(now, Math::max);
                Future<PluginResult> f = run(contact, call);
                if (f == null) {
                    c.concurrent.decrementAndGet();
                    return null;
                }
                return f.onComplete(ar -> c.concurrent.decrementAndGet());
            }

            private Future<PluginResult> run(Contact contact, PluginContext call) {
                switch (c.mode) {
                    case THROW:
                        c.concurrent.decrementAndGet();
                        throw new IllegalStateException("scripted failure");
                    case FAIL:
                        return Future.failedFuture(new java.io.IOException("scripted upstream down"));
                    case NULL:
                        return null;
                    case HANG:
                        return Promise.<PluginResult>promise().future();
                    case REJECT:
                        return Future.succeededFuture(PluginResult.reject("scripted-rejection"));
                    case SLOW: {
                        Promise<PluginResult> p = Promise.promise();
                        call.vertx().setTimer(Math.max(1, c.slowMs), id -> p.complete(PluginResult.proceed(contact.withTag(tag))));
                        return p.future();
                    }
                    case BLOCK_THREAD:
                        try {
                            Thread.sleep(c.slowMs);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return Future.succeededFuture(PluginResult.proceed(contact.withTag(tag)
                                .withAttribute("scripted", "thread", Thread.currentThread().getName())));
                    default:
                        return Future.succeededFuture(PluginResult.proceed(contact.withTag(tag)
                                .withAttribute("scripted", "step", call.chain() + "." + call.step())));
                }
            }

            @Override
            public Future<Void> close() {
                c.closed.incrementAndGet();
                return Future.succeededFuture();
            }
        };
    }
}

package io.switchboard.gateway.chain;

import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.internal.GatewayServices;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.pipeline.ContactProcessor;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.PluginInitContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs each accepted contact through its channel's chain (the gateway's {@link ContactProcessor}), and swaps
 * chains on reload without losing or double-processing a contact: a contact runs entirely on the generation
 * it started on; a replaced generation closes its plugins only after its last contact has finished.
 */
public final class ChainExecutor implements ContactProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ChainExecutor.class);

    private final Vertx vertx;
    private final GatewayMetrics metrics;
    private final GatewayServices services;
    private final PhoneNumbers phones;
    private final Clock clock;
    private final BlockingPool pool;
    private final AtomicLong generations = new AtomicLong();
    private volatile ChainSet current;
    private volatile Runnable recoveryListener;
    private java.util.function.Consumer<Step> stepRecovered = s -> { };

    private ChainExecutor(Vertx vertx, GatewayConfig config, GatewayMetrics metrics, GatewayServices services,
                          PhoneNumbers phones, Clock clock) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.services = services;
        this.phones = phones;
        this.clock = clock;
        this.pool = new BlockingPool(config.chains().plugins().blockingThreads(),
                config.chains().plugins().blockingQueue());
    }

    /**
     * Builds the configured chains: creates every step's plugin. Blocks briefly (factories may read small seed
     * files): call it at start-up, off the event loop.
     *
     * @param vertx    the Vert.x instance
     * @param config   the validated configuration
     * @param metrics  the metrics
     * @param services the services plugins may ask for
     * @param phones   the phone normaliser
     * @param clock    the clock
     * @return the executor
     * @throws ConfigException with every step whose factory refused its configuration
     */
    public static ChainExecutor start(Vertx vertx, GatewayConfig config, GatewayMetrics metrics,
                                      GatewayServices services, PhoneNumbers phones, Clock clock) {
        ChainExecutor ex = new ChainExecutor(vertx, config, metrics, services, phones, clock);
        try {
            ex.current = ex.build(config);
        } catch (RuntimeException e) {
            ex.pool.close();
            throw e;
        }
        ex.registerGauges(null, ex.current);
        ex.logChains(ex.current, "chains built");
        return ex;
    }

    private ChainSet build(GatewayConfig config) {
        ChainsConfig cc = config.chains();
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Chain> chains = new LinkedHashMap<>();
        List<Step> created = new ArrayList<>();
        for (Map.Entry<String, List<StepConfig>> e : cc.chains().entrySet()) {
            List<Step> steps = new ArrayList<>();
            for (StepConfig sc : e.getValue()) {
                ContactPlugin plugin;
                try {
                    plugin = sc.factory().create(new Init(vertx, sc, config.directory(), phones, clock, services));
                    if (plugin == null) {
                        problems.add(ConfigProblem.invalid(sc.path() + ".plugin", "the plugin's factory created no "
                                + "plugin (returned null)", sc.plugin()));
                        continue;
                    }
                } catch (ConfigException ce) {
                    ce.problems().forEach(p -> problems.add(p.under(sc.path() + ".config")));
                    continue;
                } catch (RuntimeException | LinkageError re) {
                    problems.add(ConfigProblem.invalid(sc.path() + ".plugin", "the plugin could not be created: "
                            + re.getClass().getSimpleName() + (re.getMessage() == null ? "" : ": " + re.getMessage()),
                            sc.plugin()));
                    continue;
                }
                Step step = new Step(vertx, sc, plugin, pool, metrics.step(sc.chain(), sc.name()), clock);
                step.onRecovery(() -> stepRecovered.accept(step));
                steps.add(step);
                created.add(step);
            }
            chains.put(e.getKey(), new Chain(e.getKey(), steps));
        }
        chains.putIfAbsent(ChainsConfig.DEFAULT, new Chain(ChainsConfig.DEFAULT, List.of()));
        ChainSet set = new ChainSet(generations.incrementAndGet(), clock.instant(), cc, Map.copyOf(chains));
        if (!problems.isEmpty()) {
            set.closeNow();
            throw new ConfigException(config.source().toString(), problems);
        }
        return set;
    }

    @Override
    public Future<Contact> process(Contact contact) {
        ChainSet set = current;
        while (!set.acquire()) {
            set = current;
        }
        ChainSet.Position pos = set.position(contact);
        if (pos.resumed()) {
            pos.chain().steps.get(pos.from()).meters.resumed();
        } else if (contact.processing().status() == io.switchboard.spi.contact.ProcessingStatus.PARKED) {
            LOG.atWarn().setMessage("parked step is no longer configured; running the channel's chain from the start")
                    .addKeyValue("contactId", contact.id()).addKeyValue("chain", contact.processing().chain())
                    .addKeyValue("step", contact.processing().nextStep()).log();
        }
        ChainSet held = set;
        Future<Contact> f;
        try {
            f = pos.chain().run(contact, pos.from());
        } catch (RuntimeException e) {
            held.release();
            return Future.failedFuture(e);
        }
        return f.onComplete(ar -> held.release());
    }

    @Override
    public Contact processedAtOnce(Contact contact) {
        if (contact.processing().status() != io.switchboard.spi.contact.ProcessingStatus.ACCEPTED) {
            return null;
        }
        Chain chain = current.forChannel(contact.channel().id());
        return chain.steps.isEmpty() ? chain.processedWithoutSteps(contact) : null;
    }

    /**
     * Replaces the chains with those of a new, validated configuration. The new plugins are created first; if
     * any refuses its configuration nothing changes. Contacts in flight finish on the old chains, whose plugins
     * close after them. Blocks briefly: call it off the event loop.
     *
     * @param config the new configuration
     * @return what was loaded
     * @throws ConfigException when a plugin refuses its configuration (the old chains keep running)
     */
    public synchronized JsonObject reload(GatewayConfig config) {
        ChainSet next;
        try {
            next = build(config);
        } catch (RuntimeException e) {
            closeRegistry(config.chains());
            throw e;
        }
        ChainSet old = current;
        current = next;
        registerGauges(old, next);
        old.retire().onComplete(ar -> vertx.executeBlocking(() -> {
            closeRegistry(old.config);
            return null;
        }, false).onComplete(x -> LOG.atInfo().setMessage("previous chains closed")
                .addKeyValue("generation", old.generation).log()));
        logChains(next, "chains reloaded");
        Runnable r = recoveryListener;
        if (r != null) {
            r.run();
        }
        return new JsonObject().put("reloaded", true).put("generation", next.generation)
                .put("chains", new JsonArray(new ArrayList<>(next.chains.keySet())))
                .put("previousGenerationInFlight", old.inFlight());
    }

    private void registerGauges(ChainSet old, ChainSet next) {
        Set<String> now = new HashSet<>();
        for (Step s : next.steps()) {
            String chain = s.config.chain();
            String name = s.name();
            now.add(chain + "\u0000" + name);
            metrics.stepBreaker(chain, name, () -> {
                Step live = current.step(chain, name);
                return live == null ? -1 : live.breakerState();
            });
        }
        if (old != null) {
            for (Step s : old.steps()) {
                if (!now.contains(s.config.chain() + "\u0000" + s.name())) {
                    metrics.removeStepBreaker(s.config.chain(), s.name());
                }
            }
        }
    }

    private void logChains(ChainSet set, String message) {
        for (Chain c : set.chains.values()) {
            LOG.atInfo().setMessage(message).addKeyValue("generation", set.generation).addKeyValue("chain", c.name)
                    .addKeyValue("steps", c.steps.stream().map(s -> s.name() + "(" + s.config.plugin() + ")").toList())
                    .log();
        }
    }

    /**
     * @param listener told after a reload (parked contacts of removed steps must be re-run)
     * @param stepListener told when a step's breaker closes
     */
    void listen(Runnable listener, java.util.function.Consumer<Step> stepListener) {
        this.recoveryListener = listener;
        this.stepRecovered = stepListener;
    }

    ChainSet current() {
        return current;
    }

    /** @return the chains, each step's configuration, state and counters, for {@code GET /api/chains} */
    public JsonObject describe() {
        ChainSet set = current;
        JsonObject out = new JsonObject().put("generation", set.generation).put("loadedAt", set.loadedAt.toString());
        JsonArray chains = new JsonArray();
        for (Chain c : set.chains.values()) {
            JsonArray steps = new JsonArray();
            c.steps.forEach(s -> steps.add(s.describe()));
            chains.add(new JsonObject().put("name", c.name).put("steps", steps));
        }
        out.put("chains", chains);
        JsonArray plugins = new JsonArray();
        if (set.config.registry() != null) {
            set.config.registry().all().values().forEach(p -> plugins.add(new JsonObject()
                    .put("name", p.factory().name()).put("description", p.factory().description())
                    .put("source", p.source()).put("spiVersion", p.factory().spiVersion())
                    .put("blocking", p.factory().blocking())));
            out.put("pluginSources", new JsonArray(set.config.registry().searched()));
        }
        out.put("plugins", plugins);
        out.put("blockingPool", new JsonObject().put("threads", set.config.plugins().blockingThreads())
                .put("active", pool.active()).put("queued", pool.queued()));
        return out;
    }

    /**
     * @param channelId a channel id
     * @return the name of the chain its new contacts run
     */
    public String chainOf(String channelId) {
        return current.forChannel(channelId).name;
    }

    /**
     * Closes every plugin and the blocking pool.
     *
     * @return completion
     */
    public Future<Void> close() {
        ChainSet set = current;
        return set.closeNow().compose(v -> vertx.executeBlocking(() -> {
            closeRegistry(set.config);
            return null;
        }, false)).<Void>mapEmpty().onComplete(ar -> pool.close());
    }

    private static void closeRegistry(ChainsConfig cc) {
        if (cc != null && cc.registry() != null) {
            cc.registry().close();
        }
    }

    private record Init(Vertx vertx, StepConfig sc, Path configDirectory, PhoneNumbers phoneNumbers, Clock clock,
                        GatewayServices services) implements PluginInitContext {
        @Override
        public String chain() {
            return sc.chain();
        }

        @Override
        public String step() {
            return sc.name();
        }

        @Override
        public ConfigValues config() {
            return sc.config();
        }

        @Override
        public <T> Optional<T> service(Class<T> type) {
            return services.find(type);
        }
    }
}

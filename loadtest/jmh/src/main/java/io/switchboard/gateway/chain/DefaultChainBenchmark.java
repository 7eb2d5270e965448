package io.switchboard.gateway.chain;

import io.switchboard.gateway.config.StoreConfig;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.phone.LibPhoneNumbers;
import io.switchboard.gateway.store.sqlite.SqliteContactStore;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.SecretResolver;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.ChannelRef;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.EmailAddress;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.PhoneNumber;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.contact.ProcessingStatus;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.ProviderUserId;
import io.switchboard.spi.contact.ThreadRef;
import io.switchboard.spi.contact.Visibility;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.ContactPluginFactory;
import io.switchboard.spi.plugin.PluginInitContext;
import io.switchboard.spi.service.ConversationRecord;
import io.switchboard.spi.service.Conversations;
import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.service.LinkRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The default chain of {@code config/gateway.yaml} (identity → continuity → priority → redaction, the built-in
 * plugins found with {@link ServiceLoader} and created from their factories with validated configuration, each step
 * behind the gateway's four wrappers) per contact, on a realistic mix of contacts: DMs and WhatsApp messages of
 * known customers (links), form submissions (suggestions), public tweets of strangers, public comments carrying a
 * card number (redactions), 20,000 customers in the directory.
 *
 * <p>{@code services=sqlite}: the gateway's embedded store (SQLite, WAL, group commit) backs the customer directory
 * and the conversations, as in the default configuration: every contact reads the directory, records a decision
 * when something matched, and joins a conversation (a write). {@code services=memory}: hash-map services, so the
 * figure is the plugins' own CPU cost. Contacts run in batches of {@link #BATCH}, concurrently on one event loop, as
 * the gateway's pipeline runs them; the figure is microseconds per contact.
 *
 * <p>Run: see {@code loadtest/jmh/README.md}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class DefaultChainBenchmark {

    /** Contacts per invocation, run concurrently. */
    public static final int BATCH = 200;
    private static final int CUSTOMERS = 20_000;

    /** Which services back the directory and conversations. */
    @Param({"memory", "sqlite"})
    public String services;

    /** How many of the default chain's steps run (4: all; fewer, to see what each step adds). */
    @Param({"4"})
    public int steps;

    Vertx vertx;
    Context context;
    BlockingPool pool;
    SqliteContactStore store;
    Path dir;
    Chain chain;
    final AtomicLong sequence = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        pool = new BlockingPool(2, 64);
        CustomerDirectory directory;
        Conversations conversations;
        if (services.equals("sqlite")) {
            dir = Files.createTempDirectory("default-chain-bench");
            store = SqliteContactStore.open(vertx, new StoreConfig("embedded", dir.resolve("bench.db"), 10_000, 512, 2));
            directory = store.directory();
            conversations = store.conversations();
        } else {
            directory = new MapDirectory();
            conversations = new MapConversations();
        }
        List<Future<Void>> seeded = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            seeded.add(directory.upsert(new CustomerRecord("default", "cust-" + i, "Customer Number" + i,
                    i % 10 == 0 ? "gold" : null, List.of(new Identifier(Identifier.PHONE, phone(i)),
                    new Identifier(Identifier.EMAIL, "customer" + i + "@example.com"),
                    new Identifier(Identifier.PROVIDER_USER, "x:global:" + (1_000_000 + i))))));
            if (i % 500 == 499 || i == CUSTOMERS - 1) {
                Future.all(seeded).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
                seeded.clear();
            }
        }

        Map<String, ContactPluginFactory> factories = new HashMap<>();
        ServiceLoader.load(ContactPluginFactory.class).forEach(f -> factories.put(f.name(), f));
        Map<Class<?>, Object> offered = Map.of(CustomerDirectory.class, directory, Conversations.class, conversations);
        GatewayMetrics metrics = GatewayMetrics.create();
        PhoneNumbers phones = new LibPhoneNumbers();
        List<Step> chainSteps = new ArrayList<>();
        String[][] chainSpec = {
                {"identity", "{\"regions\": {\"contact-us\": \"GB\"}}", "retry-later"},
                {"continuity", "{\"window\": \"72h\"}", "retry-later"},
                {"priority", "{}", "skip"},
                {"redaction", "{\"privateContacts\": \"redact\"}", "reject"}};
        for (int i = 0; i < steps; i++) {
            ContactPluginFactory f = factories.get(chainSpec[i][0]);
            if (f == null) {
                throw new IllegalStateException("built-in plugin " + chainSpec[i][0] + " not on the class path: " + factories.keySet());
            }
            ConfigValues cv = f.configSpec().validate(new JsonObject(chainSpec[i][1]), SecretResolver.none()).orThrow(null);
            StepConfig sc = new StepConfig("default", i, f.name(), f.name(), f, PluginRegistry.CLASS_PATH, cv, false,
                    FailurePolicy.of(chainSpec[i][2]), Duration.ofSeconds(2), Duration.ofSeconds(10), null,
                    new StepConfig.Bulkhead(100_000),
                    new StepConfig.Breaker(50, 100, Duration.ofSeconds(1), "count", 100, 100, Duration.ofSeconds(30), 3));
            ContactPlugin plugin = f.create(new Init(vertx, sc, phones, offered));
            chainSteps.add(new Step(vertx, sc, plugin, pool, metrics.step("default", sc.name()), Clock.systemUTC()));
        }
        chain = new Chain("default", chainSteps);

        // The chain must do what it is benchmarked for: a known customer's DM is linked, a public card is redacted.
        if (steps < 4) {
            return;
        }
        Contact dm = await(chain.run(next(0), 0));
        Contact comment = await(chain.run(next(9), 0));
        if (dm.processing().status() != ProcessingStatus.PROCESSED || dm.customer() == null || !dm.customer().linked()
                || dm.conversationKey() == null || dm.priority() == null) {
            throw new IllegalStateException("the default chain did not link a known customer's DM: " + dm.processing());
        }
        if (comment.redactions().isEmpty() || comment.content().text().contains("4111")) {
            throw new IllegalStateException("the default chain did not redact a card number in a public comment");
        }
    }

    private static String phone(int i) {
        return String.format("+4477009%05d", i);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static final String[] TEXTS = {"Hi, my order #1234 never arrived, can you check?",
            "The app is down again, third time this week. I want to cancel!",
            "Is the blue jacket available in a larger size?",
            "Es gibt eine Störung, ich habe seit gestern kein Internet.",
            "Someone used my card, this is fraud, please block it immediately"};

    /**
     * Contact {@code n} of the mix: shapes 0-2 X DMs and 3-4 WhatsApp messages of known customers (spread over the
     * directory, so conversations stay a realistic size), 5 a form with a known customer's email (a suggestion), 6 a
     * form of a newcomer, 7-8 public tweets of strangers, 9 a public page comment with a card number.
     */
    static Contact contact(long n) {
        int shape = (int) (n % 10);
        int customer = (int) ((n * 7919) % CUSTOMERS);
        String text = TEXTS[(int) (n % TEXTS.length)];
        Contact.Builder b = Contact.builder().id(new UUID(0x01a2_0000_0000_7000L, n).toString()).receivedAt(Instant.now())
                .provider(new ProviderRef("bench", null, "evt-" + n, null));
        switch (shape) {
            case 0, 1, 2 -> b.channel(new ChannelRef("acme-x", "x")).kind(ContactKind.MESSAGE).visibility(Visibility.PRIVATE)
                    .sender(Party.UNKNOWN.withUserId(new ProviderUserId("x", "global", Long.toString(1_000_000 + customer),
                            Assurance.PROVIDER)).withHandle("@customer" + customer));
            case 3, 4 -> b.channel(new ChannelRef("acme-meta", "meta")).kind(ContactKind.MESSAGE).visibility(Visibility.PRIVATE)
                    .sender(Party.UNKNOWN.withPhone(new PhoneNumber(phone(customer), phone(customer).substring(1), true,
                            Assurance.PROVIDER)).withDisplayName("Customer Number" + customer));
            case 5, 6 -> b.channel(new ChannelRef("contact-us", "web-form")).kind(ContactKind.FORM).visibility(Visibility.PRIVATE)
                    .sender(Party.UNKNOWN.withEmail(new EmailAddress(shape == 5 ? "customer" + customer + "@example.com"
                            : "newcomer" + n + "@example.org", Assurance.SELF_ASSERTED)).withDisplayName("Some Body"));
            case 7, 8 -> b.channel(new ChannelRef("acme-x", "x")).kind(ContactKind.MENTION).visibility(Visibility.PUBLIC)
                    .sender(Party.UNKNOWN.withUserId(new ProviderUserId("x", "global", "9" + n, Assurance.PROVIDER)))
                    .thread(new ThreadRef("1719" + n, null, null));
            default -> {
                b.channel(new ChannelRef("acme-meta", "meta")).kind(ContactKind.COMMENT).visibility(Visibility.PUBLIC)
                        .sender(Party.UNKNOWN.withUserId(new ProviderUserId("meta", "page-1", "7" + n, Assurance.PROVIDER)))
                        .thread(new ThreadRef(null, null, "page-1_post-9"));
                text = "Charged twice on my card 4111 1111 1111 1111, refund me now";
            }
        }
        return b.content(Content.text(text)).build();
    }

    private Contact next() {
        return contact(sequence.incrementAndGet());
    }

    /** @return the next contact of the given shape */
    private Contact next(int shape) {
        long n;
        do {
            n = sequence.incrementAndGet();
        } while (n % 10 != shape);
        return contact(n);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (store != null) {
            store.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        pool.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One batch of contacts through the default chain, concurrently on the event loop. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void defaultChain() throws InterruptedException {
        List<Contact> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(next());
        }
        CountDownLatch done = new CountDownLatch(1);
        int[] unprocessed = {0};
        Object[] example = {null};
        context.runOnContext(v -> {
            int[] remaining = {BATCH};
            for (Contact c : batch) {
                chain.run(c, 0).onComplete(ar -> {
                    if (ar.failed() || ar.result().processing().status() != ProcessingStatus.PROCESSED) {
                        unprocessed[0]++;
                        example[0] = ar.failed() ? ar.cause() : ar.result().processing();
                    }
                    if (--remaining[0] == 0) {
                        done.countDown();
                    }
                });
            }
        });
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("batch did not complete");
        }
        if (unprocessed[0] > 0) {
            // A step failed (a store queue full, a time limit): the figure would not be the chain's.
            throw new IllegalStateException(unprocessed[0] + " of " + BATCH + " contacts were not processed, e.g. " + example[0]);
        }
    }

    private record Init(Vertx vertx, StepConfig sc, PhoneNumbers phoneNumbers, Map<Class<?>, Object> services)
            implements PluginInitContext {
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
        public Path configDirectory() {
            return Path.of(".");
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public <T> Optional<T> service(Class<T> type) {
            return Optional.ofNullable(services.get(type)).map(type::cast);
        }
    }

    /** A hash-map directory: lookups by identifier, decisions counted, not kept. */
    static final class MapDirectory implements CustomerDirectory {
        private final Map<String, CustomerRecord> byId = new ConcurrentHashMap<>();
        private final Map<Identifier, List<CustomerRecord>> byIdentifier = new ConcurrentHashMap<>();
        final AtomicLong decisions = new AtomicLong();

        @Override
        public Future<List<CustomerRecord>> findByIdentifier(String tenant, Identifier identifier) {
            return Future.succeededFuture(byIdentifier.getOrDefault(identifier, List.of()));
        }

        @Override
        public Future<CustomerRecord> get(String tenant, String id) {
            return Future.succeededFuture(byId.get(id));
        }

        @Override
        public Future<Void> upsert(CustomerRecord c) {
            byId.put(c.id(), c);
            c.identifiers().forEach(i -> byIdentifier.merge(i, List.of(c), (a, b) -> {
                List<CustomerRecord> l = new ArrayList<>(a);
                l.addAll(b);
                return l;
            }));
            return Future.succeededFuture();
        }

        @Override
        public Future<LinkRecord> record(LinkRecord r, List<Identifier> identifiers) {
            decisions.incrementAndGet();
            return Future.succeededFuture(r);
        }

        @Override
        public Future<List<LinkRecord>> decisionsFor(String tenant, String contactId) {
            return Future.succeededFuture(List.of());
        }
    }

    /** Hash-map conversations keyed by party (a window check, no history kept per contact). */
    static final class MapConversations implements Conversations {
        private final Map<String, ConversationRecord> byParty = new ConcurrentHashMap<>();
        private final Map<String, ConversationRecord> byKey = new ConcurrentHashMap<>();
        private final Map<String, String> threads = new ConcurrentHashMap<>();

        @Override
        public Future<ConversationRecord> join(String tenant, String partyKey, String contactId, String channelId,
                                               String threadId, Instant at, Duration window) {
            ConversationRecord r = byParty.compute(partyKey, (k, c) -> c == null || c.resolvedAt() != null
                    || c.lastContactAt().plus(window).isBefore(at)
                    ? new ConversationRecord(tenant, UUID.randomUUID().toString(), partyKey, at, at, 1, 1, null)
                    : new ConversationRecord(tenant, c.key(), partyKey, c.openedAt(), at, c.contactCount() + 1, c.channels(), null));
            byKey.put(r.key(), r);
            if (threadId != null) {
                threads.put(channelId + "\u0000" + threadId, r.key());
            }
            return Future.succeededFuture(r);
        }

        @Override
        public Future<ConversationRecord> byThread(String tenant, String channelId, String threadId) {
            String k = threads.get(channelId + "\u0000" + threadId);
            return Future.succeededFuture(k == null ? null : byKey.get(k));
        }

        @Override
        public Future<Boolean> resolve(String tenant, String key) {
            return Future.succeededFuture(false);
        }

        @Override
        public Future<ConversationRecord> get(String tenant, String key) {
            return Future.succeededFuture(byKey.get(key));
        }
    }
}

package io.switchboard.gateway.store.sqlite;

import io.switchboard.gateway.config.StoreConfig;
import io.switchboard.gateway.store.ContactQuery;
import io.switchboard.gateway.store.ContactStore;
import io.switchboard.gateway.store.DeliveryOutcome;
import io.switchboard.gateway.store.DeliveryState;
import io.switchboard.gateway.store.OutboxEntry;
import io.switchboard.gateway.store.RawPayload;
import io.switchboard.gateway.store.StoreDirectory;
import io.switchboard.gateway.store.StoreException;
import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded default store: SQLite in WAL mode on local disk.
 *
 * <p>Writes go through one bounded queue to one writer thread, which commits them in batches (group
 * commit): every write in a batch becomes durable with a single WAL fsync ({@code synchronous=FULL}), so
 * throughput does not collapse to one fsync per request. A full queue fails fast with
 * {@code store-overloaded}. Reads run on a small bounded pool of read connections (WAL readers never
 * block the writer). Nothing here runs on an event loop; futures complete on the caller's context.
 */
public final class SqliteContactStore implements ContactStore {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteContactStore.class);
    private static final int READ_QUEUE = 1_000;

    private final Vertx vertx;
    private final Path path;
    private final int maxBatch;
    /** How long a batch may wait for more writes, in nanoseconds; 0: never. */
    private final long commitDelayNanos;
    /** Transactions committed, and the writes they held; written by the writer thread only. */
    private volatile long commits;
    private volatile long committedWrites;
    /** Told of every batch committed; on the writer thread. */
    private volatile BatchObserver batchObserver = (executeNanos, commitNanos) -> { };
    private final BlockingQueue<WriteOp<?>> queue;
    private final Thread writer;
    /**
     * Copies the WAL back into the database file off the writer thread: left to SQLite's auto-checkpoint, that copy
     * (and its fsync) ran inside the writer's commits and took a large share of its time (loadtest/RESULTS.md).
     */
    private final Thread checkpointer;
    private final ThreadPoolExecutor readers;
    private final List<Connection> readConnections = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Connection> readConnection;
    /** Writer-thread confined; replaced after a failed write (SQLite may have rolled back on its own). */
    private Connection writeConnection;
    private final Promise<Void> writerStopped = Promise.promise();
    private volatile boolean closed;
    /** False after a write failed (disk full, I/O error) until a write succeeds again. */
    private volatile boolean writesHealthy = true;
    private final SqliteDirectory directory = new SqliteDirectory(this);
    private final SqliteConversations conversations = new SqliteConversations(this);

    private SqliteContactStore(Vertx vertx, Path path, StoreConfig config, Connection writeConnection) {
        this.vertx = vertx;
        this.path = path;
        this.maxBatch = config.maxBatch();
        this.commitDelayNanos = config.commitDelay() == null ? 0 : config.commitDelay().toNanos();
        this.queue = new ArrayBlockingQueue<>(config.maxQueue());
        this.writeConnection = writeConnection;
        this.readConnection = ThreadLocal.withInitial(this::openReader);
        AtomicInteger n = new AtomicInteger();
        this.readers = new ThreadPoolExecutor(config.readThreads(), config.readThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(READ_QUEUE), r -> {
                    Thread t = new Thread(r, "switchboard-store-reader-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.writer = new Thread(this::writeLoop, "switchboard-store-writer");
        this.writer.setDaemon(true);
        this.checkpointer = new Thread(this::checkpointLoop, "switchboard-store-checkpoint");
        this.checkpointer.setDaemon(true);
    }

    /**
     * Opens (creating or migrating) the database. Blocks: call it at start-up, off the event loop.
     *
     * @param vertx  the Vert.x instance futures complete on
     * @param config the store configuration
     * @return the open store
     * @throws StoreException when the database cannot be opened or migrated
     */
    public static SqliteContactStore open(Vertx vertx, StoreConfig config) {
        Path path = config.path().toAbsolutePath();
        try {
            Path dir = path.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Connection c = connect(path, false);
            Migrations.apply(c);
            SqliteContactStore store = new SqliteContactStore(vertx, path, config, c);
            store.writer.start();
            store.checkpointer.start();
            LOG.atInfo().setMessage("embedded store open").addKeyValue("path", path.toString())
                    .addKeyValue("schemaVersion", Migrations.LATEST).log();
            return store;
        } catch (SQLException | IOException e) {
            throw StoreException.unavailable("cannot open embedded store at " + path + ": " + e.getMessage(), e);
        }
    }

    static Connection connect(Path path, boolean readOnly) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(10_000);
        cfg.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // Nothing here reads generated keys; with the driver's default, every INSERT also prepared and ran a
        // "SELECT last_insert_rowid()" (and matched its SQL against a regex) on the writer thread.
        cfg.setGetGeneratedKeys(false);
        Connection c = StatementCache.wrap(DriverManager.getConnection("jdbc:sqlite:" + path, cfg.toProperties()));
        if (readOnly) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA query_only = 1");
                s.execute("PRAGMA cache_size = -" + READER_CACHE_KIB);
            }
        } else {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint = " + WRITER_AUTOCHECKPOINT_PAGES);
                s.execute("PRAGMA cache_size = -" + WRITER_CACHE_KIB);
            }
            c.setAutoCommit(false);
        }
        return c;
    }

    private Connection openReader() {
        try {
            Connection c = connect(path, true);
            readConnections.add(c);
            return c;
        } catch (SQLException e) {
            throw StoreException.unavailable("cannot open a read connection: " + e.getMessage(), e);
        }
    }

    /**
     * The writer's page cache. SQLite's default (2 MiB) holds only a few thousand pages: with indexes on random
     * keys (provider event ids) nearly every insert then re-reads its index pages from the file. Native memory,
     * outside the Java heap.
     */
    static final int WRITER_CACHE_KIB = 64 * 1024;
    /** Each read connection's page cache. */
    static final int READER_CACHE_KIB = 16 * 1024;

    /** How often the checkpointer runs; the writer's own auto-checkpoint only runs if it falls far behind. */
    private static final long CHECKPOINT_EVERY_MS = 200;
    /** WAL pages after which the writer checkpoints by itself (SQLite's default is 1 000). */
    static final int WRITER_AUTOCHECKPOINT_PAGES = 20_000;

    private void checkpointLoop() {
        Connection c = null;
        boolean warned = false;
        while (!closed) {
            try {
                Thread.sleep(CHECKPOINT_EVERY_MS);
            } catch (InterruptedException e) {
                break;
            }
            try {
                if (c == null) {
                    c = DriverManager.getConnection("jdbc:sqlite:" + path);
                    try (Statement s = c.createStatement()) {
                        s.execute("PRAGMA busy_timeout = 1000");
                    }
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    rs.next();
                }
                warned = false;
            } catch (SQLException e) {
                if (!warned) {
                    LOG.atWarn().setMessage("WAL checkpoint failed; the writer checkpoints by itself meanwhile")
                            .addKeyValue("error", e.getMessage()).log();
                    warned = true;
                }
                closeQuietly(c);
                c = null;
            }
        }
        closeQuietly(c);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after a failure
            }
        }
    }

    // ---------------------------------------------------------------- writes

    @Override
    public Future<List<Accepted>> accept(RawPayload raw, List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        // Encoded here, on the caller's thread, so that the one writer thread only binds values: encoding the
        // documents on it made it the intake bottleneck (loadtest/RESULTS.md).
        List<String> docs = docs(contacts);
        String headers = raw.headers().encode();
        return submit(new WriteOp<>() {
            @Override
            List<Accepted> run(Connection c) throws SQLException {
                return Statements.accept(c, raw, headers, contacts, docs);
            }
        });
    }

    /** Each contact's JSON document, encoded on the caller's thread (see {@link #accept}). */
    private static List<String> docs(List<Contact> contacts) {
        List<String> docs = new ArrayList<>(contacts.size());
        for (Contact contact : contacts) {
            docs.add(ContactJson.encode(contact));
        }
        return docs;
    }

    /** One transaction: the contacts are never stored unprocessed, and their deliveries are there with them. */
    @Override
    public Future<List<Accepted>> acceptProcessed(RawPayload raw, List<Contact> accepted, List<Contact> processed,
                                                 List<List<String>> sinks) {
        if (processed.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        long now = System.currentTimeMillis();
        List<String> docs = docs(processed);
        String headers = raw.headers().encode();
        return submit(new WriteOp<>() {
            @Override
            List<Accepted> run(Connection c) throws SQLException {
                return Statements.acceptProcessed(c, raw, headers, processed, docs, sinks, now);
            }
        });
    }

    @Override
    public Future<Void> update(Contact contact) {
        String doc = ContactJson.encode(contact);
        return submit(new WriteOp<>() {
            @Override
            Void run(Connection c) throws SQLException {
                Statements.update(c, contact, doc);
                return null;
            }
        });
    }

    @Override
    public Future<Void> complete(Contact contact, List<String> sinks) {
        long now = System.currentTimeMillis();
        String doc = ContactJson.encode(contact);
        return submit(new WriteOp<>() {
            @Override
            Void run(Connection c) throws SQLException {
                Statements.complete(c, contact, doc, sinks, now);
                return null;
            }
        });
    }

    @Override
    public Future<List<OutboxEntry>> claim(String sink, int limit, boolean ordered, Instant now, Duration lease) {
        return submit(new WriteOp<>() {
            @Override
            List<OutboxEntry> run(Connection c) throws SQLException {
                return Statements.claim(c, sink, limit, ordered, now.toEpochMilli(), now.plus(lease).toEpochMilli());
            }
        });
    }

    @Override
    public Future<Void> recordOutcomes(List<DeliveryOutcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return Future.succeededFuture();
        }
        return submit(new WriteOp<>() {
            @Override
            Void run(Connection c) throws SQLException {
                Statements.recordOutcomes(c, outcomes, now.toEpochMilli());
                return null;
            }
        });
    }

    @Override
    public Future<Integer> replay(String deliveryId, String sink, Instant from, Instant to, Instant now) {
        return submit(new WriteOp<>() {
            @Override
            Integer run(Connection c) throws SQLException {
                return Statements.replay(c, deliveryId, sink, from == null ? null : from.toEpochMilli(),
                        to == null ? null : to.toEpochMilli(), now.toEpochMilli());
            }
        });
    }

    @Override
    public Future<List<DeliveryState>> deliveries(String contactId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(DELIVERY_COLUMNS + " WHERE contact_id = ? ORDER BY sink")) {
                ps.setString(1, contactId);
                return deliveryStates(ps);
            }
        });
    }

    @Override
    public Future<List<DeliveryState>> deadLetters(String sink, Instant from, Instant to, String before, int limit) {
        return read(c -> {
            StringBuilder sql = new StringBuilder(DELIVERY_COLUMNS + " WHERE state = 'dead'");
            List<Object> args = new ArrayList<>();
            if (sink != null) {
                sql.append(" AND sink = ?");
                args.add(sink);
            }
            if (from != null) {
                sql.append(" AND updated_at >= ?");
                args.add(from.toEpochMilli());
            }
            if (to != null) {
                sql.append(" AND updated_at < ?");
                args.add(to.toEpochMilli());
            }
            if (before != null) {
                sql.append(" AND id < ?");
                args.add(before);
            }
            sql.append(" ORDER BY id DESC LIMIT ?");
            args.add(limit);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                return deliveryStates(ps);
            }
        });
    }

    @Override
    public Future<Long> pendingDeliveries() {
        return read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox WHERE state = 'pending'")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private static final String DELIVERY_COLUMNS = "SELECT id, contact_id, sink, state, attempts, created_at, "
            + "updated_at, next_attempt_at, last_error, external_ref FROM outbox";

    private static List<DeliveryState> deliveryStates(PreparedStatement ps) throws SQLException {
        List<DeliveryState> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DeliveryState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
                        Instant.ofEpochMilli(rs.getLong(8)), rs.getString(9), rs.getString(10)));
            }
        }
        return out;
    }

    private <T> Future<T> submit(WriteOp<T> op) {
        if (closed) {
            return Future.failedFuture(StoreException.unavailable("store is closed", null));
        }
        op.context = vertx.getOrCreateContext();
        if (!queue.offer(op)) {
            return Future.failedFuture(StoreException.overloaded("write queue is full (" + queue.size() + ")"));
        }
        return op.promise.future();
    }

    @Override
    public int pendingWrites() {
        return queue.size();
    }

    private void writeLoop() {
        List<WriteOp<?>> batch = new ArrayList<>(maxBatch);
        int lastBatch = 0;
        try {
            while (!closed || !queue.isEmpty()) {
                WriteOp<?> first;
                try {
                    first = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (lastBatch > 1 && !closed) {
                    gather(batch);
                }
                lastBatch = batch.size();
                commit(batch);
                dispatch(batch);
            }
        } finally {
            for (WriteOp<?> op : queue) {
                op.failure = StoreException.unavailable("store closed before the write ran", null);
                op.context.runOnContext(v -> op.complete());
            }
            try {
                if (writeConnection != null) {
                    writeConnection.close();
                }
            } catch (SQLException e) {
                LOG.warn("closing the write connection failed: {}", e.getMessage());
            }
            writerStopped.tryComplete();
        }
    }

    /**
     * Waits up to the commit delay for more writes to join the batch. Only called when the last batch held more than
     * one write, that is when writes come in faster than the writer commits them: then a commit (one fsync, about
     * 0.1 ms of CPU and 0.4 ms on this project's benchmark machine) is shared by more writes, and a lone write at
     * low load is never delayed.
     */
    private void gather(List<WriteOp<?>> batch) {
        if (commitDelayNanos <= 0) {
            return;
        }
        long deadline = System.nanoTime() + commitDelayNanos;
        while (batch.size() < maxBatch) {
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                return;
            }
            WriteOp<?> next;
            try {
                next = queue.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    /** @return transactions the writer committed since the store opened */
    public long commits() {
        return commits;
    }

    /** @return writes those transactions held (divided by {@link #commits()}: the mean batch) */
    public long committedWrites() {
        return committedWrites;
    }

    /** Where the writer's time goes, batch by batch. */
    @FunctionalInterface
    public interface BatchObserver {
        /**
         * Called on the writer thread after each batch it committed in one transaction; must not block. (The writes
         * a batch held are counted by {@link #committedWrites()}.)
         *
         * @param executeNanos time spent running its writes
         * @param commitNanos  time spent committing them: writing the WAL and its fsync
         */
        void committed(long executeNanos, long commitNanos);
    }

    /** @param observer told of every batch committed from now on */
    public void observeBatches(BatchObserver observer) {
        this.batchObserver = java.util.Objects.requireNonNull(observer, "observer");
    }

    /** Commits a batch in one transaction; when that fails, retries each write alone so one bad write fails alone. */
    private void commit(List<WriteOp<?>> batch) {
        if (writeConnection == null && !reopenWriter()) {
            for (WriteOp<?> op : batch) {
                fail(op, new SQLException("embedded store write connection unavailable"));
            }
            return;
        }
        try {
            long start = System.nanoTime();
            for (WriteOp<?> op : batch) {
                op.execute(writeConnection);
            }
            long executed = System.nanoTime();
            writeConnection.commit();
            writesHealthy = true;
            commits++;
            committedWrites += batch.size();
            batchObserver.committed(executed - start, System.nanoTime() - executed);
            return;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            if (batch.size() == 1) {
                fail(batch.get(0), e);
                return;
            }
            LOG.atWarn().setMessage("batch commit failed; retrying writes one by one")
                    .addKeyValue("batch", batch.size()).addKeyValue("error", e.getMessage()).log();
        }
        for (WriteOp<?> op : batch) {
            if (writeConnection == null && !reopenWriter()) {
                fail(op, new SQLException("embedded store write connection unavailable"));
                continue;
            }
            try {
                op.execute(writeConnection);
                writeConnection.commit();
                writesHealthy = true;
                commits++;
                committedWrites++;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                fail(op, e);
            }
        }
    }

    /**
     * After a failed write (disk full, I/O error) SQLite may have rolled the transaction back by itself while the
     * JDBC connection still believes one is open; a fresh connection is the reliable way back to a known state.
     */
    private boolean reopenWriter() {
        if (writeConnection != null) {
            try {
                writeConnection.close();
            } catch (SQLException e) {
                LOG.warn("closing the failed write connection: {}", e.getMessage());
            }
            writeConnection = null;
        }
        try {
            writeConnection = connect(path, false);
            return true;
        } catch (SQLException e) {
            LOG.atWarn().setMessage("cannot reopen the embedded store write connection")
                    .addKeyValue("error", e.getMessage()).log();
            return false;
        }
    }

    private void fail(WriteOp<?> op, Exception e) {
        writesHealthy = false;
        op.result = null;
        op.failure = StoreException.unavailable("embedded store write failed: " + e.getMessage(), e);
        LOG.atError().setMessage("embedded store write failed").addKeyValue("error", e.getMessage()).log();
    }

    private void rollbackQuietly() {
        try {
            if (writeConnection != null) {
                writeConnection.rollback();
            }
        } catch (SQLException e) {
            LOG.warn("rollback failed: {}", e.getMessage());
        }
        reopenWriter();
    }

    private static void dispatch(List<WriteOp<?>> batch) {
        Map<Context, List<WriteOp<?>>> byContext = new IdentityHashMap<>();
        for (WriteOp<?> op : batch) {
            byContext.computeIfAbsent(op.context, k -> new ArrayList<>()).add(op);
        }
        byContext.forEach((ctx, ops) -> ctx.runOnContext(v -> ops.forEach(WriteOp::complete)));
    }

    /** A write to run on the writer thread. */
    private abstract static class WriteOp<T> {
        final Promise<T> promise = Promise.promise();
        Context context;
        T result;
        Throwable failure;

        abstract T run(Connection c) throws SQLException;

        void execute(Connection c) throws SQLException {
            failure = null;
            result = run(c);
        }

        void complete() {
            if (failure != null) {
                promise.tryFail(failure);
            } else {
                promise.tryComplete(result);
            }
        }
    }

    // ---------------------------------------------------------------- reads

    /** A unit of JDBC work on one connection. */
    @FunctionalInterface
    interface SqlFunction<T> {
        T apply(Connection c) throws SQLException;
    }

    /**
     * Runs a write on the writer thread, committed with its group; for the store's services.
     *
     * @param fn  the write
     * @param <T> its result
     * @return the result once durable
     */
    <T> Future<T> write(SqlFunction<T> fn) {
        return submit(new WriteOp<>() {
            @Override
            T run(Connection c) throws SQLException {
                return fn.apply(c);
            }
        });
    }

    /**
     * Runs a read on the read pool; for the store's services.
     *
     * @param fn  the read
     * @param <T> its result
     * @return the result
     */
    <T> Future<T> query(SqlFunction<T> fn) {
        return read(fn);
    }

    private <T> Future<T> read(SqlFunction<T> fn) {
        if (closed) {
            return Future.failedFuture(StoreException.unavailable("store is closed", null));
        }
        Context ctx = vertx.getOrCreateContext();
        Promise<T> promise = Promise.promise();
        try {
            readers.execute(() -> {
                try {
                    T r = fn.apply(readConnection.get());
                    ctx.runOnContext(v -> promise.complete(r));
                } catch (SQLException | RuntimeException e) {
                    StoreException se = e instanceof StoreException s ? s
                            : StoreException.unavailable("embedded store read failed: " + e.getMessage(), e);
                    ctx.runOnContext(v -> promise.fail(se));
                }
            });
        } catch (RejectedExecutionException e) {
            return Future.failedFuture(StoreException.overloaded("read queue is full"));
        }
        return promise.future();
    }

    @Override
    public Future<Contact> get(String id) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM contacts WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? ContactJson.fromJson(new JsonObject(rs.getString(1))) : null;
                }
            }
        });
    }

    /**
     * The channels that have contacts, each found with one index lookup (a loose index scan over
     * {@code contacts_by_channel}) rather than by reading the index through.
     */
    static final String CHANNELS = "WITH RECURSIVE ch(id) AS (SELECT min(channel_id) FROM contacts UNION ALL "
            + "SELECT (SELECT min(channel_id) FROM contacts WHERE channel_id > ch.id) FROM ch WHERE ch.id IS NOT NULL) "
            + "SELECT id FROM ch WHERE id IS NOT NULL";

    @Override
    public Future<List<Contact>> list(ContactQuery q) {
        return read(c -> {
            List<Object> args = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(listSql(q, args))) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                return contacts(ps);
            }
        });
    }

    /**
     * @param q    the listing
     * @param args filled with the statement's arguments, in order
     * @return the listing's SQL
     */
    static String listSql(ContactQuery q, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT doc FROM contacts WHERE 1=1");
        if (q.channel() != null) {
            sql.append(" AND channel_id = ?");
            args.add(q.channel());
        }
        if (q.customerId() != null) {
            sql.append(" AND customer_id = ?");
            args.add(q.customerId());
        }
        if (q.providerEventId() != null) {
            if (q.channel() == null) {
                // Event ids are unique per channel, and indexed with it: probe each channel's.
                sql.append(" AND channel_id IN (" + CHANNELS + ")");
            }
            sql.append(" AND event_id = ?");
            args.add(q.providerEventId());
        }
        if (q.since() != null) {
            sql.append(" AND received_at >= ?");
            args.add(q.since().toEpochMilli());
        }
        if (q.before() != null) {
            sql.append(" AND id < ?");
            args.add(q.before());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(q.limit());
        return sql.toString();
    }

    @Override
    public Future<List<Contact>> unfinished(String afterId, Instant receivedBefore, int limit) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM contacts WHERE status = 'accepted' "
                    + "AND id > ? AND received_at < ? ORDER BY id LIMIT ?")) {
                ps.setString(1, afterId == null ? "" : afterId);
                ps.setLong(2, receivedBefore == null ? Long.MAX_VALUE : receivedBefore.toEpochMilli());
                ps.setInt(3, limit);
                return contacts(ps);
            }
        });
    }

    @Override
    public Future<List<Contact>> parked(String chain, String step, String afterId, int limit) {
        return read(c -> {
            StringBuilder sql = new StringBuilder("SELECT doc FROM contacts WHERE status = 'parked' AND id > ?");
            List<Object> args = new ArrayList<>(List.of(afterId == null ? "" : afterId));
            if (chain != null) {
                sql.append(" AND json_extract(doc, '$.processing.chain') = ?");
                args.add(chain);
            }
            if (step != null) {
                sql.append(" AND json_extract(doc, '$.processing.nextStep') = ?");
                args.add(step);
            }
            sql.append(" ORDER BY id LIMIT ?");
            args.add(limit);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                return contacts(ps);
            }
        });
    }

    private static List<Contact> contacts(PreparedStatement ps) throws SQLException {
        List<Contact> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(ContactJson.fromJson(new JsonObject(rs.getString(1))));
            }
        }
        return out;
    }

    @Override
    public Future<RawPayload> raw(String id) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT channel_id, received_at, method, content_type, "
                    + "query, headers, body FROM raw_payloads WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    return new RawPayload(id, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), new JsonObject(rs.getString(6)),
                            Buffer.buffer(rs.getBytes(7)));
                }
            }
        });
    }

    @Override
    public StoreDirectory directory() {
        return directory;
    }

    @Override
    public io.switchboard.spi.service.Conversations conversations() {
        return conversations;
    }

    @Override
    public Future<Void> ping() {
        if (!writer.isAlive()) {
            return Future.failedFuture(StoreException.unavailable("writer thread is not running", null));
        }
        Future<Void> readable = read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
                return null;
            }
        });
        if (writesHealthy) {
            return readable;
        }
        // A write failed last time (disk full?): probe with a real write, so readiness recovers by itself.
        return readable.compose(v -> submit(new WriteOp<Void>() {
            @Override
            Void run(Connection c) throws SQLException {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO health_probe (id, at) VALUES (1, " + System.currentTimeMillis()
                            + ") ON CONFLICT (id) DO UPDATE SET at = excluded.at");
                }
                return null;
            }
        }));
    }

    @Override
    public Future<Void> close() {
        if (closed) {
            return writerStopped.future();
        }
        closed = true;
        readers.shutdown();
        return vertx.executeBlocking(() -> {
            readers.awaitTermination(10, TimeUnit.SECONDS);
            checkpointer.interrupt();
            checkpointer.join(10_000);
            writer.join(30_000);
            for (Connection c : readConnections) {
                try {
                    c.close();
                } catch (SQLException e) {
                    LOG.warn("closing a read connection failed: {}", e.getMessage());
                }
            }
            return null;
        }).compose(v -> writerStopped.future());
    }
}

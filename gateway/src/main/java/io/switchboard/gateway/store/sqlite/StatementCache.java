package io.switchboard.gateway.store.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection that keeps its prepared statements: the SQLite driver compiles a statement on every
 * {@code prepareStatement}, a noticeable share of the writer thread's time (loadtest/RESULTS.md). The code using
 * the connection stays plain JDBC (try-with-resources and all): closing a statement from here closes its open
 * results, clears its parameters and batch, and returns it to the cache instead.
 *
 * <p>A cached connection must be used by one thread at a time, as the embedded store's connections are (the writer
 * thread's own, and one per read thread). A statement whose SQL is already in use (a nested query with the same
 * text) is prepared afresh and really closed. The cache holds the {@value #MAX} most recently used texts per
 * connection; closing the connection closes them all.
 */
final class StatementCache implements InvocationHandler {

    static final int MAX = 64;

    private final Connection target;
    private final Map<String, Entry> statements = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            if (size() > MAX && !eldest.getValue().inUse) {
                closeQuietly(eldest.getValue().statement);
                return true;
            }
            return false;
        }
    };

    private StatementCache(Connection target) {
        this.target = target;
    }

    /**
     * @param target a connection used by one thread at a time
     * @return the connection, keeping its prepared statements
     */
    static Connection wrap(Connection target) {
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new StatementCache(target));
    }

    /**
     * @param c a connection from {@link #wrap}
     * @return how many statements it keeps now
     */
    static int cached(Connection c) {
        return ((StatementCache) Proxy.getInvocationHandler(c)).statements.size();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("prepareStatement") && args != null && args.length == 1 && args[0] instanceof String sql) {
            return prepare(sql);
        }
        if (name.equals("close") && (args == null || args.length == 0)) {
            for (Entry e : statements.values()) {
                closeQuietly(e.statement);
            }
            statements.clear();
        }
        return call(target, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Entry e = statements.get(sql);
        if (e != null && !e.inUse && !e.statement.isClosed()) {
            e.inUse = true;
            return e.view;
        }
        PreparedStatement ps = target.prepareStatement(sql);
        if (e != null && e.inUse) {
            return ps; // nested use of the same text: a statement of its own, really closed by its user
        }
        Entry fresh = new Entry(ps);
        fresh.inUse = true;
        statements.put(sql, fresh);
        return fresh.view;
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // the connection is going away, or already gone
        }
    }

    /** A cached statement and the view handed out, whose {@code close()} returns it to the cache. */
    private static final class Entry implements InvocationHandler {
        final PreparedStatement statement;
        final PreparedStatement view;
        boolean inUse;
        /** The last results handed out, closed with the view as a real close would. */
        ResultSet results;

        Entry(PreparedStatement statement) {
            this.statement = statement;
            this.view = (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close") && (args == null || args.length == 0)) {
                if (inUse) {
                    inUse = false;
                    if (!statement.isClosed()) {
                        // What a real close does to its user's state: open results closed, parameters and batch gone.
                        if (results != null && !results.isClosed()) {
                            results.close();
                        }
                        results = null;
                        statement.clearParameters();
                        statement.clearBatch();
                    }
                }
                return null;
            }
            if (name.equals("isClosed") && (args == null || args.length == 0)) {
                return !inUse || statement.isClosed();
            }
            if (name.equals("getConnection") && (args == null || args.length == 0)) {
                return statement.getConnection();
            }
            Object out = call(statement, method, args);
            if (out instanceof ResultSet rs) {
                results = rs;
            }
            return out;
        }
    }
}

package io.switchboard.gateway.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Prepared statements of the writer's fixed SQL, kept per connection: the driver compiles a statement on every
 * {@code prepareStatement}, which cost the writer thread about as much as the writes themselves
 * (loadtest/RESULTS.md). A statement from here is never closed by its user; it goes with its connection (closing
 * a SQLite connection finalises its statements, and a reopened connection gets statements of its own).
 */
final class PreparedCache {

    private static final Map<Connection, Map<String, PreparedStatement>> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private PreparedCache() {
    }

    /**
     * @param c   the connection
     * @param sql fixed SQL (never built from values)
     * @return a prepared statement for it on {@code c}, its parameters and batch cleared
     * @throws SQLException when the statement cannot be prepared
     */
    static PreparedStatement get(Connection c, String sql) throws SQLException {
        Map<String, PreparedStatement> byConnection = CACHE.computeIfAbsent(c, k -> new HashMap<>());
        PreparedStatement ps = byConnection.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = c.prepareStatement(sql);
            byConnection.put(sql, ps);
        } else {
            ps.clearParameters();
            ps.clearBatch();
        }
        return ps;
    }
}

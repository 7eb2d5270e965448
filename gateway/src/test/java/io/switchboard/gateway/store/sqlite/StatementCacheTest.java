package io.switchboard.gateway.store.sqlite;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementCacheTest {

    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = StatementCache.wrap(DriverManager.getConnection("jdbc:sqlite::memory:"));
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
            s.executeUpdate("INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private String value(int k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE k = ?")) {
            ps.setInt(1, k);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void aClosedStatementShouldBeReusedWithFreshParameters() throws SQLException {
        PreparedStatement first;
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE k = ?")) {
            first = ps.unwrap(PreparedStatement.class);
        }
        assertThat(value(1)).isEqualTo("one");
        assertThat(value(2)).isEqualTo("two");
        assertThat(value(9)).isNull();
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE k = ?")) {
            assertThat(ps.unwrap(PreparedStatement.class)).isSameAs(first);
            assertThat(ps.isClosed()).isFalse();
        }
        assertThat(StatementCache.cached(c)).isEqualTo(1);
    }

    @Test
    void closingShouldCloseResultsLeftOpen() throws SQLException {
        ResultSet left;
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE k >= ? ORDER BY k")) {
            ps.setInt(1, 1);
            left = ps.executeQuery();
            assertThat(left.next()).isTrue();
        }
        assertThat(left.isClosed()).isTrue();
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE k >= ? ORDER BY k")) {
            ps.setInt(1, 2);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("two");
            }
        }
    }

    @Test
    void closingShouldClearParametersAndBatch() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
            ps.setInt(1, 10);
            ps.setString(2, "ten");
            ps.addBatch();
            // closed without executing: the batch must not leak into the next user's
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
            ps.setInt(1, 11);
            ps.setString(2, "eleven");
            ps.addBatch();
            assertThat(ps.executeBatch()).containsExactly(1);
        }
        assertThat(value(10)).isNull();
        assertThat(value(11)).isEqualTo("eleven");
    }

    @Test
    void nestedUseOfOneTextShouldGetAStatementOfItsOwn() throws SQLException {
        List<String> seen = new ArrayList<>();
        try (PreparedStatement outer = c.prepareStatement("SELECT v FROM t WHERE k >= ? ORDER BY k")) {
            outer.setInt(1, 1);
            try (ResultSet rs = outer.executeQuery()) {
                while (rs.next()) {
                    try (PreparedStatement inner = c.prepareStatement("SELECT v FROM t WHERE k >= ? ORDER BY k")) {
                        inner.setInt(1, 3);
                        try (ResultSet r2 = inner.executeQuery()) {
                            r2.next();
                            seen.add(rs.getString(1) + "/" + r2.getString(1));
                        }
                    }
                }
            }
        }
        assertThat(seen).containsExactly("one/three", "two/three", "three/three");
    }

    @Test
    void aFailedStatementShouldBeUsableAgain() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "duplicate");
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
            ps.setInt(1, 4);
            ps.setString(2, "four");
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(value(4)).isEqualTo("four");
    }

    @Test
    void theCacheShouldStayBoundedAndCloseWithItsConnection() throws SQLException {
        List<PreparedStatement> real = new ArrayList<>();
        for (int i = 0; i < StatementCache.MAX * 2; i++) {
            try (PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE k = ? + " + i)) {
                real.add(ps.unwrap(PreparedStatement.class));
            }
        }
        assertThat(StatementCache.cached(c)).isEqualTo(StatementCache.MAX);
        assertThat(real.get(0).isClosed()).as("evicted").isTrue();
        c.close();
        assertThat(real.get(real.size() - 1).isClosed()).as("closed with the connection").isTrue();
        c = StatementCache.wrap(DriverManager.getConnection("jdbc:sqlite::memory:"));
    }
}

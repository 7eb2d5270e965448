package io.switchboard.gateway.store.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings every embedded-store connection is opened with: durability first, then cost. */
class StoreConnectionsTest {

    @TempDir
    Path dir;

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void theWriterShouldCommitDurablyInWalModeWithItsOwnTransactions() throws SQLException {
        try (Connection c = SqliteContactStore.connect(dir.resolve("s.db"), false)) {
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "synchronous")).as("FULL: a WAL fsync per commit").isEqualTo("2");
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(pragma(c, "cache_size")).isEqualTo("-" + SqliteContactStore.WRITER_CACHE_KIB);
            assertThat(pragma(c, "wal_autocheckpoint")).isEqualTo(String.valueOf(SqliteContactStore.WRITER_AUTOCHECKPOINT_PAGES));
        }
    }

    @Test
    void anInsertShouldNotAlsoQueryItsGeneratedKey() throws SQLException {
        try (Connection c = SqliteContactStore.connect(dir.resolve("s.db"), false)) {
            assertThat(c.unwrap(SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys()).isFalse();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
                ps.setString(1, "x");
                assertThat(ps.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertThat(keys.next()).as("no key was fetched").isFalse();
                }
            }
            c.commit();
        }
    }

    @Test
    void aReaderShouldNotWrite() throws SQLException {
        Path db = dir.resolve("s.db");
        try (Connection w = SqliteContactStore.connect(db, false)) {
            try (Statement s = w.createStatement()) {
                s.executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY)");
            }
            w.commit();
        }
        try (Connection r = SqliteContactStore.connect(db, true)) {
            assertThat(pragma(r, "cache_size")).isEqualTo("-" + SqliteContactStore.READER_CACHE_KIB);
            assertThatThrownBy(() -> {
                try (Statement s = r.createStatement()) {
                    s.executeUpdate("INSERT INTO t VALUES (1)");
                }
            }).isInstanceOf(SQLException.class);
        }
    }
}

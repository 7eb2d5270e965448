package io.switchboard.gateway.store.sqlite;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Upgrades of a database written by an earlier gateway keep what it holds. */
class MigrationsTest {

    @Test
    void channelCountsShouldBeBackfilledFromTheMembers() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            c.setAutoCommit(false);
            Migrations.apply(c, 4);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO conversations (tenant, key, party_key, opened_at, last_contact_at, "
                        + "contact_count) VALUES ('t', 'k1', 'p1', 1, 3, 3), ('t', 'k2', 'p2', 1, 1, 1), "
                        + "('u', 'k1', 'p3', 1, 1, 1)");
                s.executeUpdate("INSERT INTO conversation_contacts (tenant, contact_id, key, channel_id) VALUES "
                        + "('t', 'c1', 'k1', 'x'), ('t', 'c2', 'k1', 'voice'), ('t', 'c3', 'k1', 'x'), "
                        + "('t', 'c4', 'k2', 'x'), ('u', 'c5', 'k1', 'sms')");
            }
            c.commit();
            Migrations.apply(c);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT tenant, key, channel_count FROM conversations ORDER BY tenant, key")) {
                StringBuilder out = new StringBuilder();
                while (rs.next()) {
                    out.append(rs.getString(1)).append('/').append(rs.getString(2)).append('=').append(rs.getInt(3)).append(' ');
                }
                assertThat(out.toString().strip()).isEqualTo("t/k1=2 t/k2=1 u/k1=1");
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(Migrations.LATEST);
            }
        }
    }
}

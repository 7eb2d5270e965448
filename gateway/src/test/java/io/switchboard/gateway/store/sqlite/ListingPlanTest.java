package io.switchboard.gateway.store.sqlite;

import io.switchboard.gateway.store.ContactQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store's listings by provider event id use an index: there is no index on the event id alone (it
 * cost every commit a random page), so one without a channel must probe the unique (channel, event id) index per
 * channel instead of reading the whole table.
 */
class ListingPlanTest {

    @TempDir
    Path dir;

    @Test
    void aListingByEventIdAloneShouldProbeTheUniqueIndexPerChannel() throws SQLException {
        List<String> plan = plan(new ContactQuery(null, null, "SM123", null, null, 10));
        assertThat(plan).as(String.join("\n", plan))
                .anyMatch(d -> d.startsWith("SEARCH contacts USING INDEX sqlite_autoindex_contacts_2 (channel_id=? AND event_id=?)"))
                .noneMatch(d -> d.equals("SCAN contacts") || d.startsWith("SCAN contacts USING"));
    }

    @Test
    void aListingByChannelAndEventIdShouldUseTheUniqueIndexDirectly() throws SQLException {
        List<String> plan = plan(new ContactQuery("bench-sms", null, "SM123", null, null, 10));
        assertThat(plan).as(String.join("\n", plan))
                .containsExactly("SEARCH contacts USING INDEX sqlite_autoindex_contacts_2 (channel_id=? AND event_id=?)");
    }

    @Test
    void theEventIdOnlyIndexShouldBeGone() throws SQLException {
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'contacts_by_event'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    private List<String> plan(ContactQuery q) throws SQLException {
        List<Object> args = new ArrayList<>();
        String sql = SqliteContactStore.listSql(q, args);
        List<String> details = new ArrayList<>();
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    details.add(rs.getString("detail"));
                }
            }
        }
        return details;
    }

    private Connection open() throws SQLException {
        Connection c = SqliteContactStore.connect(dir.resolve("plan.db"), false);
        Migrations.apply(c);
        return c;
    }
}

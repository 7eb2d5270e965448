package com.example.switchboard.hours;

import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.testkit.PluginOutcome;
import io.switchboard.spi.testkit.PluginTester;
import io.switchboard.spi.testkit.TestContacts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.switchboard.spi.testkit.PluginAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The example plugin, tested on the test kit: no gateway needed. */
class BusinessHoursTest {

    private static final Map<String, Object> LONDON = Map.of("timeZone", "Europe/London", "open", "09:00",
            "close", "17:30", "holidays", List.of("2026-12-25", "--01-01"));

    private static PluginOutcome run(Map<String, Object> config, String receivedAt) {
        try (PluginTester t = PluginTester.of(new BusinessHoursFactory()).config(config).build()) {
            return t.run(TestContacts.sms().from("+447700900123").text("hello").at(Instant.parse(receivedAt)).build());
        }
    }

    @Test
    void contactWithinOpeningHoursShouldNotBeTagged() {
        // Wednesday 25 Nov 2026, 10:00 in London (GMT).
        assertThat(run(LONDON, "2026-11-25T10:00:00Z")).proceeded().doesNotHaveTag("after-hours")
                .hasAttribute("business-hours", "open", true).hasAttribute("business-hours", "state", "open")
                .doesNotHaveAttribute("business-hours", "nextOpening");
    }

    @Test
    void contactAfterClosingShouldBeTaggedWithTheNextOpening() {
        assertThat(run(LONDON, "2026-11-25T18:00:00Z")).proceeded().hasTag("after-hours")
                .hasAttribute("business-hours", "open", false).hasAttribute("business-hours", "state", "after-closing")
                .hasAttribute("business-hours", "localTime", "2026-11-25T18:00")
                .hasAttribute("business-hours", "nextOpening", "2026-11-26T09:00:00Z");
    }

    @Test
    void contactBeforeOpeningShouldBeTagged() {
        assertThat(run(LONDON, "2026-11-25T08:59:00Z")).proceeded().hasTag("after-hours")
                .hasAttribute("business-hours", "state", "before-opening");
    }

    @Test
    void closingTimeShouldBeExclusive() {
        assertThat(run(LONDON, "2026-11-25T17:30:00Z")).proceeded().hasTag("after-hours");
        assertThat(run(LONDON, "2026-11-25T17:29:59Z")).proceeded().doesNotHaveTag("after-hours");
    }

    @Test
    void weekendShouldBeClosedAndReopenOnMonday() {
        // Saturday 28 Nov 2026.
        assertThat(run(LONDON, "2026-11-28T11:00:00Z")).proceeded().hasTag("after-hours")
                .hasAttribute("business-hours", "state", "closed-day")
                .hasAttribute("business-hours", "nextOpening", "2026-11-30T09:00:00Z");
    }

    @Test
    void hoursShouldFollowTheTimeZoneAcrossDaylightSaving() {
        // 1 July 2026, 08:30 UTC is 09:30 in London (BST): open.
        assertThat(run(LONDON, "2026-07-01T08:30:00Z")).proceeded().doesNotHaveTag("after-hours")
                .hasAttribute("business-hours", "localTime", "2026-07-01T09:30");
        // The same UTC time in winter is 08:30 local: closed.
        assertThat(run(LONDON, "2026-11-25T08:30:00Z")).proceeded().hasTag("after-hours");
    }

    @Test
    void sameInstantShouldBeOpenInOneTimeZoneAndClosedInAnother() {
        Map<String, Object> tokyo = Map.of("timeZone", "Asia/Tokyo");
        // 10:00 UTC is 19:00 in Tokyo.
        assertThat(run(tokyo, "2026-11-25T10:00:00Z")).proceeded().hasTag("after-hours");
        assertThat(run(Map.of("timeZone", "America/New_York"), "2026-11-25T15:00:00Z")).proceeded()
                .doesNotHaveTag("after-hours");
    }

    @Test
    void holidayShouldBeClosedAllDay() {
        // Friday 25 Dec 2026.
        assertThat(run(LONDON, "2026-12-25T11:00:00Z")).proceeded().hasTag("after-hours")
                .hasAttribute("business-hours", "state", "holiday")
                .hasAttribute("business-hours", "nextOpening", "2026-12-28T09:00:00Z");
    }

    @Test
    void yearlyHolidayShouldApplyEveryYear() {
        // Friday 1 Jan 2027.
        assertThat(run(LONDON, "2027-01-01T11:00:00Z")).proceeded().hasAttribute("business-hours", "state", "holiday");
    }

    @Test
    void overnightHoursShouldRunPastMidnight() {
        Map<String, Object> nights = Map.of("timeZone", "UTC", "open", "22:00", "close", "06:00",
                "days", List.of("mon", "tue", "wed", "thu", "fri"));
        assertThat(run(nights, "2026-11-25T23:00:00Z")).proceeded().doesNotHaveTag("after-hours");
        assertThat(run(nights, "2026-11-26T05:59:00Z")).as("Wednesday's window, Thursday morning").proceeded()
                .doesNotHaveTag("after-hours");
        assertThat(run(nights, "2026-11-26T12:00:00Z")).proceeded().hasTag("after-hours");
        // Saturday 02:00 belongs to Friday night's window.
        assertThat(run(nights, "2026-11-28T02:00:00Z")).proceeded().doesNotHaveTag("after-hours");
        assertThat(run(nights, "2026-11-29T02:00:00Z")).as("no Saturday night window").proceeded()
                .hasTag("after-hours");
    }

    @Test
    void occurredAtShouldDecideWhenConfigured() {
        try (PluginTester t = PluginTester.of(new BusinessHoursFactory())
                .config(Map.of("timeZone", "UTC", "use", "occurredAt")).build()) {
            Contact late = TestContacts.email().email("a@example.com").receivedAt(Instant.parse("2026-11-25T10:00:00Z"))
                    .occurredAt(Instant.parse("2026-11-24T23:00:00Z")).build();
            assertThat(t.run(late)).proceeded().hasTag("after-hours");
        }
    }

    @Test
    void customTagShouldBeUsed() {
        assertThat(run(Map.of("tag", "out-of-hours"), "2026-11-28T11:00:00Z")).proceeded().hasTag("out-of-hours")
                .doesNotHaveTag("after-hours");
    }

    @Test
    void pluginShouldNeverFailOrBlockAndKeepTheContactsOtherData() {
        try (PluginTester t = PluginTester.of(new BusinessHoursFactory()).config(LONDON).build()) {
            Contact c = TestContacts.tweet().userId("2244994945").text("@acme help").tag("vip")
                    .attribute("x", "followers", 10).build();
            PluginOutcome o = t.run(c);
            assertThat(o).proceeded().hasTag("vip").hasAttribute("x", "followers", 10);
            assertThat(o.eventLoopTime()).isLessThan(java.time.Duration.ofMillis(50));
        }
    }

    @Test
    void invalidConfigurationShouldReportEveryProblemWithItsKey() {
        assertThatThrownBy(() -> PluginTester.of(new BusinessHoursFactory()).config(Map.of("timeZone", "Europe/Londn",
                        "open", "9am", "days", List.of("mon", "funday"), "holidays", List.of("2026-13-01"))).build())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactlyInAnyOrder("timeZone", "open", "days[1]", "holidays[0]"))
                .hasMessageContaining("timeZone: must be an IANA time zone such as Europe/London (was: Europe/Londn)");
    }

    @Test
    void equalOpenAndCloseShouldBeRefused() {
        assertThatThrownBy(() -> PluginTester.of(new BusinessHoursFactory()).config(Map.of("open", "09:00",
                "close", "09:00")).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("close: must differ from open (was: 09:00)");
    }
}

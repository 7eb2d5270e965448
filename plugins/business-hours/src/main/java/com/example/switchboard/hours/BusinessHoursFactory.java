package com.example.switchboard.hours;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.ContactPluginFactory;
import io.switchboard.spi.plugin.PluginInitContext;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code business-hours} plugin type: tags contacts that arrive outside opening hours. Listed in
 * {@code META-INF/services/io.switchboard.spi.plugin.ContactPluginFactory}, so the gateway finds it with
 * {@link java.util.ServiceLoader} when the jar is in its plugins directory.
 */
public final class BusinessHoursFactory implements ContactPluginFactory {

    /** The configuration this plugin takes, under a chain step's {@code config:}. */
    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.string("timeZone").defaultValue("UTC").validate(BusinessHoursFactory::zone)
                    .doc("IANA time zone the hours are in, e.g. `Europe/London` (daylight saving handled)."),
            ConfigKey.string("open").defaultValue("09:00").validate(BusinessHoursFactory::time)
                    .doc("Opening time, `HH:mm`, local."),
            ConfigKey.string("close").defaultValue("17:30").validate(BusinessHoursFactory::time)
                    .doc("Closing time, `HH:mm`, local; earlier than `open` means the hours run past midnight."),
            ConfigKey.list("days").defaultValue(List.of("mon", "tue", "wed", "thu", "fri"))
                    .validate(BusinessHoursFactory::days)
                    .doc("Days the hours apply (the day the opening falls on): `mon` … `sun`."),
            ConfigKey.list("holidays").validate(BusinessHoursFactory::holidays)
                    .doc("Days closed all day: a date `2026-12-25`, or every year `--12-25`."),
            ConfigKey.string("tag").defaultValue("after-hours")
                    .doc("Tag added to contacts that arrive while closed."),
            ConfigKey.oneOf("use", "receivedAt", "occurredAt").defaultValue("receivedAt")
                    .doc("Which time decides: when the gateway received the contact, or when it happened per the "
                            + "provider (falling back to received when the provider does not say)."));

    @Override
    public String name() {
        return "business-hours";
    }

    @Override
    public String spiVersion() {
        // A compile-time constant: the value is copied into this class, so the gateway learns the SPI it was built for.
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Tags contacts that arrive outside opening hours (per time zone, with holidays) and records when "
                + "the business next opens.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ContactPlugin create(PluginInitContext context) {
        ConfigValues c = context.config();
        LocalTime open = LocalTime.parse(c.getString("open"));
        LocalTime close = LocalTime.parse(c.getString("close"));
        if (open.equals(close)) {
            // A rule the spec cannot express: reported like a spec problem, with the key and the value.
            throw new ConfigException(null, List.of(ConfigProblem.invalid("close", "must differ from open",
                    c.getString("close"))));
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        c.getList("days").forEach(d -> days.add(day(d)));
        Set<LocalDate> dates = new HashSet<>();
        Set<MonthDay> yearly = new HashSet<>();
        for (String h : c.getList("holidays")) {
            if (h.startsWith("--")) {
                yearly.add(MonthDay.parse(h));
            } else {
                dates.add(LocalDate.parse(h));
            }
        }
        Hours hours = new Hours(ZoneId.of(c.getString("timeZone")), open, close, days, dates, yearly);
        return new BusinessHoursPlugin(hours, c.getString("tag"), "occurredAt".equals(c.getString("use")));
    }

    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private static DayOfWeek day(String name) {
        return DayOfWeek.of(DAY_NAMES.indexOf(name.trim().toLowerCase(Locale.ROOT)) + 1);
    }

    private static List<ConfigProblem> zone(String path, Object value) {
        try {
            ZoneId.of((String) value);
            return List.of();
        } catch (DateTimeException e) {
            return List.of(ConfigProblem.invalid(path, "must be an IANA time zone such as Europe/London", value));
        }
    }

    private static List<ConfigProblem> time(String path, Object value) {
        String s = (String) value;
        try {
            if (s.matches("^\\d{2}:\\d{2}$")) {
                LocalTime.parse(s);
                return List.of();
            }
        } catch (DateTimeParseException e) {
            // fall through
        }
        return List.of(ConfigProblem.invalid(path, "must be a time HH:mm such as 09:00", value));
    }

    @SuppressWarnings("unchecked")
    private static List<ConfigProblem> days(String path, Object value) {
        List<ConfigProblem> out = new ArrayList<>();
        List<String> list = (List<String>) value;
        for (int i = 0; i < list.size(); i++) {
            if (!DAY_NAMES.contains(list.get(i).trim().toLowerCase(Locale.ROOT))) {
                out.add(ConfigProblem.invalid(path + "[" + i + "]", "must be one of " + String.join(", ", DAY_NAMES),
                        list.get(i)));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<ConfigProblem> holidays(String path, Object value) {
        List<ConfigProblem> out = new ArrayList<>();
        List<String> list = (List<String>) value;
        for (int i = 0; i < list.size(); i++) {
            String h = list.get(i);
            try {
                if (h.startsWith("--")) {
                    MonthDay.parse(h);
                } else {
                    LocalDate.parse(h);
                }
            } catch (DateTimeParseException e) {
                out.add(ConfigProblem.invalid(path + "[" + i + "]",
                        "must be a date such as 2026-12-25, or --12-25 for every year", h));
            }
        }
        return out;
    }

}

package io.switchboard.plugin.identity;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the customer seed file ({@code config/customers.csv}): RFC 4180 CSV, UTF-8, a header line, one customer per
 * line; lines starting with {@code #} are comments. Columns (only {@code id} is required; order is free):
 *
 * <table>
 *   <caption>customers.csv columns</caption>
 *   <tr><th>column</th><th>meaning</th></tr>
 *   <tr><td>{@code id}</td><td>the customer id (your system of record's)</td></tr>
 *   <tr><td>{@code tenant}</td><td>the tenant; default {@code default}</td></tr>
 *   <tr><td>{@code name}</td><td>display name</td></tr>
 *   <tr><td>{@code tier}</td><td>service tier, e.g. {@code gold} (the priority plugin scores it)</td></tr>
 *   <tr><td>{@code region}</td><td>ISO 3166 region to read this row's national phone numbers in</td></tr>
 *   <tr><td>{@code phones}</td><td>phone numbers, {@code ;}-separated; E.164, or national with {@code region}</td></tr>
 *   <tr><td>{@code emails}</td><td>email addresses, {@code ;}-separated</td></tr>
 *   <tr><td>{@code provider_user_ids}</td><td>{@code provider:scope:id}, {@code ;}-separated, e.g.
 *       {@code x:global:2244994945}</td></tr>
 *   <tr><td>{@code handles}</td><td>{@code provider:handle}, {@code ;}-separated (weak signals only)</td></tr>
 * </table>
 *
 * Every bad row is reported with its line number and column (never the personal data in it); nothing is loaded
 * from a file with problems.
 */
final class CustomersCsv {

    /** Largest seed file read at plugin creation; larger directories belong in the store or a CRM lookup. */
    static final int MAX_BYTES = 5 * 1024 * 1024;
    /** At most this many problems are reported. */
    static final int MAX_PROBLEMS = 20;

    static final List<String> COLUMNS = List.of("id", "tenant", "name", "tier", "region", "phones", "emails",
            "provider_user_ids", "handles");
    private static final Pattern PROVIDER_USER = Pattern.compile("^[a-z0-9][a-z0-9-]*:[^:\\s]+:[^\\s]+$");
    private static final Pattern HANDLE = Pattern.compile("^[a-z0-9][a-z0-9-]*:@?[^\\s:]+$");

    /**
     * The result of reading a file.
     *
     * @param customers the customers, when there are no problems
     * @param problems  one message per bad row: {@code line 7: phones: a value is not a phone number …}
     */
    record Result(List<CustomerRecord> customers, List<String> problems) {
    }

    private CustomersCsv() {
    }

    /**
     * @param text   the file's content
     * @param phones the gateway's phone normaliser
     * @param defaultRegion the region national numbers are read in when a row has none; null for none
     * @return the customers, or the problems
     */
    static Result parse(String text, PhoneNumbers phones, String defaultRegion) {
        List<String> problems = new ArrayList<>();
        List<CustomerRecord> out = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (Reader r = new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text);
             CSVParser parser = CSVParser.builder().setReader(r).setFormat(format).get()) {
            Map<String, Integer> header = new LinkedHashMap<>();
            parser.getHeaderMap().forEach((k, v) -> header.put(k.strip().toLowerCase(Locale.ROOT), v));
            for (String h : header.keySet()) {
                if (!COLUMNS.contains(h)) {
                    problems.add("header: unknown column '" + h + "'; columns are " + String.join(", ", COLUMNS));
                }
            }
            if (!header.containsKey("id")) {
                problems.add("header: column 'id' is required");
            }
            if (!problems.isEmpty()) {
                return new Result(List.of(), problems);
            }
            Set<String> ids = new HashSet<>();
            for (CSVRecord rec : parser) {
                if (problems.size() >= MAX_PROBLEMS) {
                    break;
                }
                long line = parser.getCurrentLineNumber();
                try {
                    CustomerRecord c = row(rec, header, phones, defaultRegion);
                    if (!ids.add(c.tenant() + "\u0000" + c.id())) {
                        throw new IllegalArgumentException("id: '" + c.id() + "' appears twice in tenant " + c.tenant());
                    }
                    out.add(c);
                } catch (IllegalArgumentException e) {
                    problems.add("line " + line + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            problems.add("not valid CSV: " + e.getMessage());
        }
        return problems.isEmpty() ? new Result(out, List.of()) : new Result(List.of(), problems);
    }

    private static CustomerRecord row(CSVRecord rec, Map<String, Integer> header, PhoneNumbers phones,
                                      String defaultRegion) {
        if (!rec.isConsistent()) {
            throw new IllegalArgumentException("has " + rec.size() + " fields, the header has " + header.size());
        }
        String id = field(rec, header, "id");
        if (id == null) {
            throw new IllegalArgumentException("id: is required");
        }
        String tenant = field(rec, header, "tenant");
        tenant = tenant == null ? Contact.DEFAULT_TENANT : tenant;
        String name = field(rec, header, "name");
        String tier = field(rec, header, "tier");
        String region = field(rec, header, "region");
        if (region != null && !Regions.isKnown(region)) {
            throw new IllegalArgumentException("region: '" + region + "' is not an ISO 3166 region code");
        }
        String readIn = region != null ? region.toUpperCase(Locale.ROOT) : defaultRegion;
        List<Identifier> ids = new ArrayList<>();
        for (String p : values(rec, header, "phones")) {
            String e164 = phones.normalise(p, readIn, Assurance.VERIFIED).e164();
            if (e164 == null) {
                throw new IllegalArgumentException("phones: a value is not a phone number"
                        + (readIn == null ? " (write it as +CC… or give the row a region)" : " in region " + readIn));
            }
            ids.add(new Identifier(Identifier.PHONE, e164));
        }
        for (String e : values(rec, header, "emails")) {
            String n = Normalise.email(e);
            if (n == null) {
                throw new IllegalArgumentException("emails: a value is not an email address");
            }
            ids.add(new Identifier(Identifier.EMAIL, n));
        }
        for (String u : values(rec, header, "provider_user_ids")) {
            if (!PROVIDER_USER.matcher(u).matches()) {
                throw new IllegalArgumentException("provider_user_ids: a value is not provider:scope:id");
            }
            ids.add(new Identifier(Identifier.PROVIDER_USER, u));
        }
        for (String h : values(rec, header, "handles")) {
            if (!HANDLE.matcher(h.toLowerCase(Locale.ROOT)).matches()) {
                throw new IllegalArgumentException("handles: a value is not provider:handle");
            }
            int colon = h.indexOf(':');
            ids.add(new Identifier(Observed.HANDLE, Normalise.handle(h.substring(0, colon), h.substring(colon + 1))));
        }
        String n = Normalise.name(name);
        if (n != null) {
            ids.add(new Identifier(Observed.NAME, n));
        }
        return new CustomerRecord(tenant, id, name, tier, ids);
    }

    private static String field(CSVRecord rec, Map<String, Integer> header, String column) {
        Integer i = header.get(column);
        if (i == null || i >= rec.size()) {
            return null;
        }
        String v = rec.get(i).strip();
        return v.isEmpty() ? null : v;
    }

    private static List<String> values(CSVRecord rec, Map<String, Integer> header, String column) {
        String v = field(rec, header, column);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : v.split(";")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }
}

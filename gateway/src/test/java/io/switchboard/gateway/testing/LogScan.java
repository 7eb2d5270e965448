package io.switchboard.gateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scans the log output of a whole test run for personal data and secrets from the test fixtures: every
 * email address and E.164 number found in the test sources and resources, plus the message texts and
 * secrets listed in {@code pii-canaries.txt}. Run by Maven in the verify phase (after the tests); exits
 * non-zero, listing each hit, when any is found.
 *
 * <p>Usage: {@code LogScan <surefire-reports dir> <test root dir>...}
 */
public final class LogScan {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final int MIN_LENGTH = 8;

    private LogScan() {
    }

    /**
     * @param args the reports directory, then the test directories to collect canaries from
     * @throws IOException when a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path reports = Path.of(args[0]);
        Set<String> canaries = new TreeSet<>();
        for (int i = 1; i < args.length; i++) {
            collect(Path.of(args[i]), canaries);
        }
        if (!Files.isDirectory(reports)) {
            System.out.println("LogScan: no test output at " + reports + " (tests skipped?)");
            return;
        }
        List<String> hits = new ArrayList<>();
        int files = 0;
        long lines = 0;
        try (Stream<Path> s = Files.list(reports)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith("-output.txt")).sorted().toList()) {
                files++;
                List<String> all = Files.readAllLines(p, StandardCharsets.UTF_8);
                lines += all.size();
                for (int n = 0; n < all.size(); n++) {
                    String line = all.get(n);
                    if (!line.startsWith("{\"timestamp\"")) {
                        continue; // only log events; test frameworks' own reports are not logs
                    }
                    for (String c : canaries) {
                        if (line.contains(c)) {
                            hits.add(p.getFileName() + ":" + (n + 1) + " contains fixture value \"" + c + "\"");
                        }
                    }
                }
            }
        }
        System.out.println("LogScan: " + canaries.size() + " fixture values checked against " + lines
                + " lines of log output in " + files + " files");
        if (!hits.isEmpty()) {
            System.err.println("LogScan: personal data or secrets in the logs:\n  " + String.join("\n  ", hits));
            System.exit(1);
        }
    }

    static void collect(Path root, Set<String> out) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.equals("pii-canaries.txt")) {
                    for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                        String t = line.strip();
                        if (!t.isEmpty() && !t.startsWith("#") && t.length() >= MIN_LENGTH) {
                            out.add(t);
                        }
                    }
                    continue;
                }
                if (name.endsWith(".pem") || name.endsWith(".jar") || name.endsWith(".class")) {
                    continue;
                }
                String text;
                try {
                    text = Files.readString(p, StandardCharsets.UTF_8);
                } catch (java.nio.charset.MalformedInputException e) {
                    continue;
                }
                Matcher m = EMAIL.matcher(text);
                while (m.find()) {
                    out.add(m.group().toLowerCase(java.util.Locale.ROOT));
                    out.add(m.group());
                }
                m = E164.matcher(text);
                while (m.find()) {
                    out.add(m.group());
                }
            }
        }
    }
}

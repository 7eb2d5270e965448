package io.switchboard.loadtest.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Summarises a JFR recording's CPU samples ({@code jdk.ExecutionSample}): the methods most often on top of
 * the stack (self time), the Switchboard methods most often anywhere on it (inclusive time), the share of
 * samples per area (SQLite, JSON, crypto, HTTP/Netty, logging, metrics, phone numbers, ...), and each sample
 * charged to the nearest Switchboard line below it (which line of ours the time is spent for).
 *
 * <p>Usage: {@code JfrHotspots <recording.jfr> [top]}
 */
public final class JfrHotspots {

    private static final Map<String, String> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("org.sqlite", "SQLite (JDBC + native)");
        AREAS.put("com.fasterxml.jackson", "JSON (Jackson)");
        AREAS.put("io.vertx.core.json", "JSON (Vert.x)");
        AREAS.put("com.sun.crypto", "crypto (HMAC)");
        AREAS.put("javax.crypto", "crypto (HMAC)");
        AREAS.put("sun.security", "crypto (HMAC)");
        AREAS.put("com.google.i18n.phonenumbers", "phone numbers");
        AREAS.put("ch.qos.logback", "logging");
        AREAS.put("org.slf4j", "logging");
        AREAS.put("io.micrometer", "metrics");
        AREAS.put("io.vertx.micrometer", "metrics");
        AREAS.put("io.netty", "HTTP (Netty)");
        AREAS.put("io.vertx", "HTTP (Vert.x)");
        AREAS.put("io.switchboard", "Switchboard");
        AREAS.put("java.util.regex", "regex");
        AREAS.put("com.github.f4b6a3", "ids (uuid-creator)");
    }

    private JfrHotspots() {
    }

    /**
     * @param args the recording, optionally how many lines per table (default 15)
     * @throws IOException when the recording cannot be read
     */
    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> areas = new HashMap<>();
        Map<String, Integer> nearest = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = st.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            String area = null;
            String near = null;
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (n.startsWith("io.switchboard.") && seen.add(n)) {
                    inclusive.merge(n, 1, Integer::sum);
                }
                if (area == null) {
                    area = area(n);
                }
                if (near == null && n.startsWith("io.switchboard.") && !n.contains("$$Lambda")) {
                    near = n + ":" + f.getLineNumber();
                }
            }
            areas.merge(area == null ? "JDK / other" : area, 1, Integer::sum);
            nearest.merge(near == null ? "(no Switchboard frame: Netty/Vert.x/JDK threads)" : near, 1, Integer::sum);
        }
        System.out.println("execution samples: " + samples);
        print("top methods by self samples", self, samples, top);
        print("Switchboard methods by inclusive samples", inclusive, samples, top);
        print("self samples by area (first known frame from the top)", areas, samples, top);
        print("self samples by the nearest Switchboard frame (method:line)", nearest, samples, top);
    }

    private static String area(String method) {
        for (Map.Entry<String, String> a : AREAS.entrySet()) {
            if (method.startsWith(a.getKey())) {
                return a.getValue();
            }
        }
        return null;
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int total, int top) {
        System.out.println();
        System.out.println("## " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.println(String.format(Locale.ROOT, "%6.1f%%  %6d  %s",
                        100.0 * e.getValue() / total, e.getValue(), e.getKey())));
    }
}

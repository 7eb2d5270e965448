package io.switchboard.loadtest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JVM unified GC log ({@code -Xlog:gc:file=…}) and reports the heap after each collection over the run:
 * the largest value, and the average of the first and of the last third of the samples (a leak shows as a last
 * third well above the first). One collection is one sample: {@code [12.345s][info][gc] GC(7) Pause Young
 * (Normal) (G1 Evacuation Pause) 61M->12M(512M) 2.101ms} gives 12 MB at 12.3 s.
 *
 * <p>Usage: {@code HeapAfterGc <gc.log> [from-seconds]} (samples before {@code from-seconds} are skipped:
 * start-up and warm-up).
 */
public final class HeapAfterGc {

    private static final Pattern LINE = Pattern.compile(
            "^\\[(\\d+(?:\\.\\d+)?)s\\].*\\bGC\\(\\d+\\) .*? (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /**
     * One collection.
     *
     * @param seconds   uptime
     * @param afterMb   heap used after it
     * @param capacityMb heap capacity
     */
    public record Sample(double seconds, double afterMb, double capacityMb) {
    }

    private HeapAfterGc() {
    }

    /**
     * @param lines the GC log
     * @return its collections
     */
    public static List<Sample> parse(List<String> lines) {
        List<Sample> out = new ArrayList<>();
        for (String l : lines) {
            Matcher m = LINE.matcher(l);
            if (m.find()) {
                out.add(new Sample(Double.parseDouble(m.group(1)), mb(m.group(4), m.group(5)), mb(m.group(6), m.group(7))));
            }
        }
        return out;
    }

    private static double mb(String n, String unit) {
        double v = Double.parseDouble(n);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    /**
     * @param samples collections
     * @return {@code samples=… max=…MB first-third=…MB last-third=…MB}
     */
    public static String summary(List<Sample> samples) {
        if (samples.isEmpty()) {
            return "samples=0";
        }
        int third = Math.max(1, samples.size() / 3);
        double max = samples.stream().mapToDouble(Sample::afterMb).max().orElse(0);
        double cap = samples.stream().mapToDouble(Sample::capacityMb).max().orElse(0);
        double first = samples.subList(0, third).stream().mapToDouble(Sample::afterMb).average().orElse(0);
        double last = samples.subList(samples.size() - third, samples.size()).stream().mapToDouble(Sample::afterMb)
                .average().orElse(0);
        return String.format(Locale.ROOT, "samples=%d span=%.0fs max-after-gc=%.0fMB first-third-avg=%.1fMB "
                        + "last-third-avg=%.1fMB max-capacity=%.0fMB", samples.size(),
                samples.get(samples.size() - 1).seconds() - samples.get(0).seconds(), max, first, last, cap);
    }

    /**
     * @param samples collections
     * @param buckets how many equal time slices
     * @return per slice, the largest heap after GC in it (MB), e.g. {@code 14 15 14 16 ...}; "-" for an empty slice
     */
    public static String series(List<Sample> samples, int buckets) {
        if (samples.isEmpty()) {
            return "";
        }
        double t0 = samples.get(0).seconds();
        double span = Math.max(1e-9, samples.get(samples.size() - 1).seconds() - t0);
        double[] max = new double[buckets];
        java.util.Arrays.fill(max, -1);
        for (Sample s : samples) {
            int b = Math.min(buckets - 1, (int) ((s.seconds() - t0) / span * buckets));
            max[b] = Math.max(max[b], s.afterMb());
        }
        StringBuilder sb = new StringBuilder();
        for (double m : max) {
            sb.append(sb.length() == 0 ? "" : " ").append(m < 0 ? "-" : String.format(Locale.ROOT, "%.0f", m));
        }
        return sb.toString();
    }

    /**
     * @param args the GC log, optionally the uptime in seconds from which to count
     * @throws IOException when the log cannot be read
     */
    public static void main(String[] args) throws IOException {
        double from = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        List<Sample> s = parse(Files.readAllLines(Path.of(args[0]))).stream().filter(x -> x.seconds() >= from).toList();
        System.out.println(summary(s));
        System.out.println("max-after-gc-per-tenth-MB=" + series(s, 10).replace(' ', ','));
    }
}

package io.switchboard.loadtest.gatling;

import io.switchboard.loadtest.traffic.Kind;
import io.switchboard.loadtest.traffic.TrafficConfig;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The simulations' parameters: each from a system property ({@code -Drate=50}), else an environment variable
 * ({@code LOADTEST_RATE=50}), else a default. Read once, when a simulation is built. A bad value fails the
 * run at once with a message naming the parameter and the value.
 */
public final class Params {

    private final Function<String, String> props;
    private final Function<String, String> env;

    /**
     * @param props system properties by name
     * @param env   environment variables by name
     */
    public Params(Function<String, String> props, Function<String, String> env) {
        this.props = props;
        this.env = env;
    }

    /** @return parameters from this JVM's system properties and environment */
    public static Params fromSystem() {
        return new Params(System::getProperty, System::getenv);
    }

    /**
     * @param property the system property
     * @param envVar   the environment variable
     * @param def      the default (may be null)
     * @return the value (blank counts as absent)
     */
    public String string(String property, String envVar, String def) {
        String v = props.apply(property);
        if (v == null || v.isBlank()) {
            v = envVar == null ? null : env.apply(envVar);
        }
        return v == null || v.isBlank() ? def : v.strip();
    }

    private String env(String property) {
        return "LOADTEST_" + property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * A load-test parameter: system property {@code name}, else {@code LOADTEST_<NAME>} ({@code p95Ms} is
     * {@code LOADTEST_P95_MS}).
     *
     * @param name the parameter
     * @param def  the default
     * @return the value
     */
    public String param(String name, String def) {
        return string(name, env(name), def);
    }

    /**
     * @param name the parameter
     * @param def  the default
     * @return the value as a number
     */
    public double number(String name, double def) {
        String v = param(name, null);
        if (v == null) {
            return def;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, but was '" + v + "'");
        }
    }

    /**
     * @param name the parameter
     * @param def  the default
     * @param min  the smallest value allowed
     * @return the value, at least {@code min}
     */
    public double number(String name, double def, double min) {
        double d = number(name, def);
        if (d < min || Double.isNaN(d)) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", but was " + d);
        }
        return d;
    }

    /**
     * @param name the parameter
     * @param def  the default, e.g. {@code 60s}
     * @return the value: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT30S})
     */
    public Duration duration(String name, String def) {
        String v = param(name, def);
        try {
            return parseDuration(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 500ms, 30s, 2m or 1h, but was '"
                    + v + "'");
        }
    }

    static Duration parseDuration(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)(ms|s|m|h)$").matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(v);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /**
     * @param name the parameter
     * @param def  the default
     * @return the value as a boolean ({@code true}/{@code false})
     */
    public boolean bool(String name, boolean def) {
        String v = param(name, null);
        if (v == null) {
            return def;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(name + " must be true or false, but was '" + v + "'");
    }

    /**
     * Weights per traffic kind: {@code voice=35,sms=25,form=8}; weights need not add up to 100.
     *
     * @param name the parameter
     * @param def  the default
     * @return the weights, in the order given, every one positive
     */
    public Map<Kind, Double> ratios(String name, String def) {
        String v = param(name, def);
        Map<Kind, Double> out = new LinkedHashMap<>();
        for (String part : v.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(name + " must look like 'voice=35,sms=25,form=8', but was '" + v + "'");
            }
            Kind k;
            try {
                k = Kind.of(part.substring(0, eq));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage());
            }
            double w;
            try {
                w = Double.parseDouble(part.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": weight of " + k.id() + " must be a number, but was '"
                        + part.substring(eq + 1) + "'");
            }
            if (w < 0 || Double.isNaN(w)) {
                throw new IllegalArgumentException(name + ": weight of " + k.id() + " must not be negative, but was " + w);
            }
            if (w > 0) {
                out.merge(k, w, Double::sum);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(name + " must give at least one kind a positive weight, but was '" + v + "'");
        }
        return out;
    }

    // ------------------------------------------------------------------ the common parameters

    /** @return where the gateway's public listener is ({@code baseUrl} / {@code SWITCHBOARD_BASE_URL}) */
    public String baseUrl() {
        return stripSlash(string("baseUrl", "SWITCHBOARD_BASE_URL", "http://localhost:8080"));
    }

    /** @return where the gateway's admin listener is ({@code adminUrl} / {@code SWITCHBOARD_ADMIN_URL}) */
    public String adminUrl() {
        return stripSlash(string("adminUrl", "SWITCHBOARD_ADMIN_URL", "http://localhost:8081"));
    }

    /** @return the admin API bearer token, or null ({@code adminToken} / {@code SWITCHBOARD_ADMIN_TOKEN}) */
    public String adminToken() {
        return string("adminToken", "SWITCHBOARD_ADMIN_TOKEN", null);
    }

    /**
     * @return the public base URL Twilio signatures are computed over ({@code publicBaseUrl} /
     * {@code SWITCHBOARD_PUBLIC_BASE_URL}); defaults to {@link #baseUrl()}, right when the gateway is reached
     * directly and {@code server.publicBaseUrl} is not set
     */
    public String publicBaseUrl() {
        return stripSlash(string("publicBaseUrl", "SWITCHBOARD_PUBLIC_BASE_URL", baseUrl()));
    }

    /** @return the traffic configuration: secrets ({@code TWILIO_AUTH_TOKEN} …), channel ids, batch size */
    public TrafficConfig traffic() {
        Map<Kind, String> channels = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            String id = string("channel." + k.id(), "LOADTEST_CHANNEL_" + k.name(), null);
            if (id != null) {
                channels.put(k, id);
            }
        }
        return new TrafficConfig(publicBaseUrl(),
                string("twilioAuthToken", "TWILIO_AUTH_TOKEN", TrafficConfig.DEFAULT_TWILIO_AUTH_TOKEN),
                string("metaAppSecret", "META_APP_SECRET", TrafficConfig.DEFAULT_META_APP_SECRET),
                string("xConsumerSecret", "X_CONSUMER_SECRET", TrafficConfig.DEFAULT_X_CONSUMER_SECRET),
                channels, (int) number("metaMaxBatch", 3, 1));
    }

    /**
     * @param def this simulation's default
     * @return requests per second, all kinds together ({@code rate})
     */
    public double rate(double def) {
        return number("rate", def, 0.01);
    }

    /** @return how long the steady load lasts ({@code duration}, default 60s) */
    public Duration duration() {
        return duration("duration", "60s");
    }

    /** @return the ramp from 1 request per second up to the rate before it ({@code rampUp}, default 5s; 0s for none) */
    public Duration rampUp() {
        return duration("rampUp", "5s");
    }

    /** @return the largest share of failed requests, in percent ({@code maxErrorPercent}, default 1) */
    public double maxErrorPercent() {
        return number("maxErrorPercent", 1.0, 0);
    }

    /** @return the 95th-percentile response time bound in ms ({@code p95Ms}, default 250) */
    public int p95Ms() {
        return (int) number("p95Ms", 250, 1);
    }

    /** @return the 99th-percentile response time bound in ms ({@code p99Ms}, default 1000) */
    public int p99Ms() {
        return (int) number("p99Ms", 1000, 1);
    }

    /** @return whether virtual users share a connection pool, as a provider's webhook fleet does ({@code shareConnections}) */
    public boolean shareConnections() {
        return bool("shareConnections", true);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package io.switchboard.gateway.chain;

import io.switchboard.gateway.config.PluginsConfig;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.SecretResolver;
import io.switchboard.spi.plugin.ContactPluginFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The validated plugin chains ({@code chains:} in {@code gateway.yaml}), with the plugin types they were
 * validated against.
 *
 * <pre>{@code
 * chains:
 *   default:                 # every channel without a chain of its own
 *     steps:
 *       - plugin: business-hours
 *         name: hours
 *         config: {timeZone: Europe/London}
 *         onFailure: skip
 *   contact-us:              # a channel id: this channel's own chain
 *     steps: [...]
 * }</pre>
 *
 * @param chains   the chains by name, in file order: {@code default} and channel ids
 * @param plugins  the {@code plugins:} settings
 * @param registry the plugin types the chains were validated against
 */
public record ChainsConfig(Map<String, List<StepConfig>> chains, PluginsConfig plugins, PluginRegistry registry) {

    /** The chain every channel without its own uses. */
    public static final String DEFAULT = "default";

    private static final Pattern STEP_NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

    /** The declared keys of one chain. */
    public static final ConfigSpec CHAIN = ConfigSpec.of(
            ConfigKey.array("steps").doc("The chain's steps, run in order on each contact after it is durably "
                    + "accepted (and after the provider is answered). Each step is a mapping with the keys below."));

    /**
     * Validates {@code chains:}.
     *
     * @param raw        the {@code chains:} mapping, or null
     * @param plugins    the {@code plugins:} settings
     * @param registry   the plugin types, or null when they could not be loaded (plugins are then not checked)
     * @param channelIds the configured channel ids
     * @param secrets    resolves secrets in plugin configuration
     * @param problems   receives every problem, with its key path
     * @return the chains (complete only when no problem was added)
     */
    public static ChainsConfig parse(JsonObject raw, PluginsConfig plugins, PluginRegistry registry,
                                     Collection<String> channelIds, SecretResolver secrets,
                                     List<ConfigProblem> problems) {
        Map<String, List<StepConfig>> chains = new LinkedHashMap<>();
        if (raw != null) {
            for (String name : raw.fieldNames()) {
                String path = "chains." + name;
                if (!DEFAULT.equals(name) && !channelIds.contains(name)) {
                    problems.add(ConfigProblem.invalid(path, "a chain is named `default` or after a configured channel; "
                            + "configured channels are " + (channelIds.isEmpty() ? "(none)" : String.join(", ", channelIds)),
                            name));
                    continue;
                }
                if (!(raw.getValue(name) instanceof JsonObject obj)) {
                    problems.add(ConfigProblem.invalid(path, "must be a mapping with `steps`", null));
                    continue;
                }
                ConfigSpec.Validation v = CHAIN.validate(obj, secrets);
                v.problems().forEach(p -> problems.add(p.under(path)));
                if (!v.isValid()) {
                    continue;
                }
                JsonArray steps = v.values().getArray("steps");
                chains.put(name, steps(name, steps == null ? new JsonArray() : steps, registry, secrets, problems));
            }
        }
        return new ChainsConfig(Collections.unmodifiableMap(chains), plugins, registry);
    }

    private static List<StepConfig> steps(String chain, JsonArray steps, PluginRegistry registry, SecretResolver secrets,
                                          List<ConfigProblem> problems) {
        List<StepConfig> out = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            String path = "chains." + chain + ".steps[" + i + "]";
            if (!(steps.getValue(i) instanceof JsonObject obj)) {
                problems.add(ConfigProblem.invalid(path, "must be a mapping with at least `plugin`", null));
                continue;
            }
            ConfigSpec.Validation v = StepConfig.SPEC.validate(obj, secrets);
            v.problems().forEach(p -> problems.add(p.under(path)));
            if (!v.isValid()) {
                continue;
            }
            ConfigValues sv = v.values();
            String plugin = sv.getString("plugin");
            String name = sv.findString("name").orElse(plugin);
            boolean ok = true;
            if (!STEP_NAME.matcher(name).matches()) {
                problems.add(ConfigProblem.invalid(path + (sv.has("name") ? ".name" : ".plugin"),
                        "step name must be 1-64 lower-case letters, digits, '-' or '_'", name));
                ok = false;
            } else if (names.putIfAbsent(name, i) != null) {
                problems.add(ConfigProblem.invalid(path + ".name", "duplicate step name in chain `" + chain
                        + "` (also steps[" + names.get(name) + "]); give each step a distinct `name`", name));
                ok = false;
            }
            if (registry == null) {
                continue;
            }
            PluginRegistry.Plugin p = registry.plugin(plugin).orElse(null);
            if (p == null) {
                problems.add(ConfigProblem.invalid(path + ".plugin", "unknown plugin; loaded plugins are "
                        + (registry.names().isEmpty() ? "(none)" : String.join(", ", registry.names()))
                        + " (searched: " + String.join(", ", registry.searched()) + ")", plugin));
                continue;
            }
            ContactPluginFactory factory = p.factory();
            JsonObject own = sv.getJson("config");
            ConfigSpec.Validation pv = factory.configSpec().validate(own == null ? new JsonObject() : own, secrets);
            // A plugin whose secret is missing cannot run: unlike a channel, that is fatal.
            pv.problems().forEach(pp -> problems.add(new ConfigProblem(pp.path(), pp.message(), pp.value(),
                    ConfigProblem.Kind.INVALID).under(path + ".config")));
            if (!pv.isValid() || !ok) {
                continue;
            }
            boolean blocking = sv.has("blocking") ? sv.getBoolean("blocking") : factory.blocking();
            out.add(new StepConfig(chain, i, name, plugin, factory, p.source(), pv.values(), blocking,
                    FailurePolicy.of(sv.getString("onFailure")), sv.getDuration("timeLimit"),
                    sv.getDuration("retryInterval"), StepConfig.RateLimit.from(sv.getObject("rateLimit")),
                    StepConfig.Bulkhead.from(sv.getObject("bulkhead")), StepConfig.Breaker.from(sv.getObject("breaker"))));
        }
        return List.copyOf(out);
    }

    /**
     * @param channelId a channel id
     * @return the name of the chain the channel's contacts run: its own, else {@code default}
     */
    public String chainOf(String channelId) {
        return chains.containsKey(channelId) ? channelId : DEFAULT;
    }
}

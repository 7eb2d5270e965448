package io.switchboard.gateway.channel.vonage;

import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.Validator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Call Control Object a {@code vonage-voice} channel answers the answer webhook with: a JSON array of
 * actions, chosen in configuration and checked at start-up (each element an object whose {@code action} is one
 * Vonage knows, with that action's required fields of the right type), so a typo fails start-up instead of
 * every call.
 */
final class Ncco {

    /** The actions of Vonage's NCCO reference. */
    static final Set<String> ACTIONS = Set.of("talk", "stream", "input", "record", "connect", "conversation",
            "notify", "wait", "pay");

    /**
     * The default: a short greeting, then a voicemail recording that comes back to this channel as a
     * {@code voicemail} contact.
     */
    static final JsonArray DEFAULT = new JsonArray()
            .add(new JsonObject().put("action", "talk")
                    .put("text", "Thank you for calling. Please leave a message after the tone."))
            .add(new JsonObject().put("action", "record").put("beepStart", true).put("endOnSilence", 3));

    private Ncco() {
    }

    /** @return the validator of the {@code ncco} key */
    static Validator validator() {
        return (path, value) -> problems(path, (JsonArray) value);
    }

    static List<ConfigProblem> problems(String path, JsonArray ncco) {
        List<ConfigProblem> out = new ArrayList<>();
        if (ncco.isEmpty()) {
            out.add(ConfigProblem.invalid(path, "must hold at least one action", "[]"));
        }
        for (int i = 0; i < ncco.size(); i++) {
            String p = path + "[" + i + "]";
            if (!(ncco.getValue(i) instanceof JsonObject a)) {
                out.add(ConfigProblem.invalid(p, "must be a mapping with an action", null));
                continue;
            }
            Object action = a.getValue("action");
            if (!(action instanceof String name) || !ACTIONS.contains(name)) {
                out.add(ConfigProblem.invalid(p + ".action", "must be one of " + String.join(", ", ACTIONS.stream()
                        .sorted().toList()), action));
                continue;
            }
            switch (name) {
                case "talk" -> requireString(a, "text", p, out);
                case "stream" -> requireStrings(a, "streamUrl", p, out);
                case "conversation" -> requireString(a, "name", p, out);
                case "connect" -> {
                    if (!(a.getValue("endpoint") instanceof JsonArray eps) || eps.isEmpty()) {
                        out.add(ConfigProblem.invalid(p + ".endpoint", "must be a non-empty sequence of endpoints", null));
                    } else {
                        for (int k = 0; k < eps.size(); k++) {
                            if (!(eps.getValue(k) instanceof JsonObject ep) || !(ep.getValue("type") instanceof String)) {
                                out.add(ConfigProblem.invalid(p + ".endpoint[" + k + "].type",
                                        "must be an endpoint type such as phone, sip, app, websocket or vbc", null));
                            }
                        }
                    }
                }
                case "input" -> {
                    if (!(a.getValue("type") instanceof JsonArray types) || types.isEmpty()
                            || !types.stream().allMatch(t -> "dtmf".equals(t) || "speech".equals(t))) {
                        out.add(ConfigProblem.invalid(p + ".type", "must be a sequence of dtmf and/or speech", null));
                    }
                }
                case "notify" -> {
                    if (!(a.getValue("payload") instanceof JsonObject)) {
                        out.add(ConfigProblem.invalid(p + ".payload", "must be a mapping", null));
                    }
                    requireStrings(a, "eventUrl", p, out);
                }
                default -> {
                    // record, wait, pay: every field optional
                }
            }
            if (a.containsKey("eventUrl") && !name.equals("notify")) {
                requireStrings(a, "eventUrl", p, out);
            }
        }
        return out;
    }

    /**
     * The NCCO to answer with: the configured one, where every {@code record} action without an
     * {@code eventUrl} gets this channel's URL, so the recording event comes back here.
     *
     * @param ncco       the configured NCCO
     * @param channelUrl the channel's public URL, without query
     * @return a new array
     */
    static JsonArray withRecordEventUrl(JsonArray ncco, String channelUrl) {
        JsonArray out = ncco.copy();
        for (int i = 0; i < out.size(); i++) {
            if (out.getValue(i) instanceof JsonObject a && "record".equals(a.getValue("action"))
                    && !a.containsKey("eventUrl")) {
                a.put("eventUrl", new JsonArray().add(channelUrl));
            }
        }
        return out;
    }

    private static void requireString(JsonObject a, String field, String path, List<ConfigProblem> out) {
        if (!(a.getValue(field) instanceof String s) || s.isBlank()) {
            out.add(ConfigProblem.invalid(path + "." + field, "must be a non-empty string", null));
        }
    }

    private static void requireStrings(JsonObject a, String field, String path, List<ConfigProblem> out) {
        if (!(a.getValue(field) instanceof JsonArray arr) || arr.isEmpty()
                || !arr.stream().allMatch(v -> v instanceof String s && !s.isBlank())) {
            out.add(ConfigProblem.invalid(path + "." + field, "must be a non-empty sequence of URLs", null));
        }
    }
}

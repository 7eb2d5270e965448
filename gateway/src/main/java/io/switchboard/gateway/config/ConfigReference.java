package io.switchboard.gateway.config;

import io.switchboard.gateway.chain.ChainsConfig;
import io.switchboard.gateway.chain.PluginRegistry;
import io.switchboard.gateway.chain.StepConfig;
import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.config.ConfigSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates {@code docs/configuration.md} from the code's {@link ConfigSpec} declarations, so the reference
 * cannot drift from what the gateway validates. A test compares the committed file with this output;
 * regenerate with {@code mvn -pl gateway test -Dtest=ConfigReferenceTest -Ddocs.update=true}.
 */
public final class ConfigReference {

    private ConfigReference() {
    }

    /**
     * @param registry the channel types to document
     * @return the Markdown reference
     */
    public static String markdown(ChannelRegistry registry) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Configuration reference\n\n")
                .append("<!-- Generated from the code by ConfigReference; do not edit by hand. Regenerate with\n")
                .append("     mvn -pl gateway -am test -Dtest=ConfigReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.update=true -->\n\n")
                .append("The gateway reads one YAML file (`config/gateway.yaml` by default; `--config <file>` or ")
                .append("`SWITCHBOARD_CONFIG` to choose another). It is validated completely before anything starts: every ")
                .append("problem is reported at once as `<file>: <key.path>: <what is wrong> (was: <value>)`, and the ")
                .append("process exits with status 2.\n\n")
                .append("Secrets are never written in the file. A key of type *secret* takes `${env:NAME}` (an environment ")
                .append("variable) or `${file:/path}` (a file, relative to the configuration file's directory; trailing ")
                .append("newlines stripped). A channel whose secret is missing is not started: start-up logs why, ")
                .append("`/health/ready` lists it as `not-started`, and its webhook answers 503. Other keys may also use ")
                .append("`${env:NAME}`.\n\n")
                .append("Durations are written `250ms`, `5s`, `10m`, `72h`, `7d` or ISO-8601 (`PT5S`).\n\n")
                .append("Environment variables read directly: `SWITCHBOARD_ADMIN_TOKEN` (when set, `/api/**` requires ")
                .append("`Authorization: Bearer <token>`), `SWITCHBOARD_CONFIG` (the configuration file), ")
                .append("`SWITCHBOARD_LOG_LEVEL` (default `INFO`).\n\n");
        sb.append("## Top level\n\n").append(ConfigLoader.TOP.toMarkdown()).append('\n');
        sb.append("## `channels.<id>`: keys every channel has\n\n")
                .append("A channel instance is served at `POST /webhooks/<id>` (and `GET` for providers' handshakes). ")
                .append("These keys apply whatever the type; the rest of the mapping is the type's own.\n\n")
                .append(ChannelConfig.COMMON.toMarkdown()).append('\n');
        chains(sb);
        for (String type : registry.types()) {
            ChannelAdapterFactory f = registry.factory(type).orElseThrow();
            sb.append("### Channel type `").append(type).append("`\n\n");
            if (!f.description().isEmpty()) {
                sb.append(f.description()).append("\n\n");
            }
            if (f.configSpec().keys().isEmpty()) {
                sb.append("No keys of its own.\n\n");
            } else {
                sb.append(f.configSpec().toMarkdown()).append('\n');
            }
        }
        return sb.toString();
    }

    private static void chains(StringBuilder sb) {
        sb.append("## `chains.<name>`: plugin chains\n\n")
                .append("A chain is an ordered list of plugin steps run on every contact after it is durably accepted ")
                .append("(the provider has its answer by then). `chains.default` runs for every channel without a chain ")
                .append("of its own; `chains.<channel id>` replaces it for that channel. Each step's calls pass, in this ")
                .append("order, a rate limiter, a bulkhead, a circuit breaker and a time limit (resilience4j, on Vert.x ")
                .append("timers: no thread waits), all named `<chain>.<step>`. A step that fails is handled by its ")
                .append("`onFailure` policy; `GET /api/chains` shows each step's state and counters, and ")
                .append("`POST /api/chains/reload` (or SIGHUP) re-reads this file and swaps the chains without a restart ")
                .append("(other sections take effect at the next restart). Every step of every chain is validated ")
                .append("before the gateway serves.\n\n")
                .append("```yaml\nchains:\n  default:\n    steps:\n      - plugin: business-hours\n        name: hours\n")
                .append("        config:\n          timeZone: Europe/London\n        onFailure: skip\n        timeLimit: 500ms\n")
                .append("        breaker: {failureRate: 50, window: 20, waitInOpen: 30s}\n```\n\n")
                .append(ChainsConfig.CHAIN.toMarkdown()).append('\n')
                .append("### `chains.<name>.steps[<n>]`: one step\n\n")
                .append(StepConfig.SPEC.toMarkdown()).append('\n');
        PluginRegistry plugins = PluginRegistry.discover(ConfigReference.class.getClassLoader(), null, List.of());
        try {
            sb.append("### Built-in plugins\n\n");
            if (plugins.all().isEmpty()) {
                sb.append("None on this build's class path. Third-party plugins document their own keys; ")
                        .append("`GET /api/chains` lists the plugins a running gateway loaded.\n\n");
            }
            for (PluginRegistry.Plugin p : plugins.all().values()) {
                sb.append("#### Plugin `").append(p.factory().name()).append("`\n\n");
                if (!p.factory().description().isEmpty()) {
                    sb.append(p.factory().description()).append("\n\n");
                }
                if (p.factory().blocking()) {
                    sb.append("Blocking: runs on the blocking worker pool.\n\n");
                }
                sb.append(p.factory().configSpec().keys().isEmpty() ? "No keys of its own.\n\n"
                        : "Keys under the step's `config:`:\n\n" + p.factory().configSpec().toMarkdown() + "\n");
            }
        } finally {
            plugins.close();
        }
    }

    /**
     * Writes the reference.
     *
     * @param args the output file (default {@code docs/configuration.md})
     * @throws IOException when it cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
        Files.writeString(out, markdown(ChannelRegistry.discover(ConfigReference.class.getClassLoader())),
                StandardCharsets.UTF_8);
    }
}

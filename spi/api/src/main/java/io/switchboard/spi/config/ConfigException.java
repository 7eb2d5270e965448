package io.switchboard.spi.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a configuration has problems. Carries all of them, so a user fixes everything in one go.
 */
public class ConfigException extends RuntimeException {

    private final transient List<ConfigProblem> problems;

    /**
     * Creates the exception.
     *
     * @param source   where the configuration came from, e.g. the file path; may be null
     * @param problems the problems, at least one
     */
    public ConfigException(String source, List<ConfigProblem> problems) {
        super(format(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** {@return every problem found} */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(String source, List<ConfigProblem> problems) {
        String prefix = source == null ? "" : source + ": ";
        String header = problems.size() == 1
                ? "Invalid configuration"
                : "Invalid configuration (" + problems.size() + " problems)";
        return header + "\n" + problems.stream()
                .map(p -> "  " + prefix + p)
                .collect(Collectors.joining("\n"));
    }
}

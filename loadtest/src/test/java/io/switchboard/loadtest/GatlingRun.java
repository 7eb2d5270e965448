package io.switchboard.loadtest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one Gatling simulation in this JVM, with the given parameters as system properties for the run's
 * duration, and returns Gatling's exit status: 0 when the run completed and every assertion held.
 */
final class GatlingRun {

    private GatlingRun() {
    }

    /**
     * @param simulation the simulation class
     * @param results    the results folder (the HTML report goes in a sub-directory)
     * @param params     the simulation's parameters
     * @return Gatling's status: 0 success, non-zero when an assertion failed or the run broke
     */
    static synchronized int run(Class<?> simulation, Path results, Map<String, String> params) {
        Map<String, String> previous = new HashMap<>();
        params.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
        try {
            return io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                    "--simulation", simulation.getName(),
                    "--results-folder", results.toAbsolutePath().toString(),
                    "--run-description", "smoke run (" + simulation.getSimpleName() + ")"});
        } finally {
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}

package io.switchboard.loadtest;

import io.switchboard.loadtest.simulations.DuplicateDeliverySimulation;
import io.switchboard.loadtest.simulations.MetaSimulation;
import io.switchboard.loadtest.simulations.TwilioSimulation;
import io.switchboard.loadtest.simulations.WebFormSimulation;
import io.switchboard.loadtest.simulations.XSimulation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short, low-rate run of the simulations against a real gateway started in this JVM from
 * {@code config/loadtest.yaml}, so that the simulations, their signers and the load-test configuration cannot
 * rot: a simulation whose assertions fail fails the build. Latency bounds are loose (a cold JVM on a loaded
 * 2-core CI machine); errors are not tolerated at all. Speed is measured by {@code loadtest/bench.sh}, never here.
 */
class SimulationSmokeTest {

    private static final Path CONFIG = Path.of("../config/loadtest.yaml");
    private static final Path RESULTS = Path.of("target/gatling");

    @TempDir
    static Path data;

    private static LoadTestGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = LoadTestGateway.start(CONFIG, data);
        System.out.println("load-test gateway at " + gateway.baseUrl() + "; channels not in this build: "
                + gateway.skipped());
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static Map<String, String> smoke(String... extra) {
        Map<String, String> p = new HashMap<>();
        p.put("baseUrl", gateway.baseUrl());
        p.put("adminUrl", gateway.adminUrl());
        p.put("rate", "8");
        p.put("rampUp", "1s");
        p.put("duration", "3s");
        p.put("maxErrorPercent", "0");
        // Loose on purpose: a cold JVM on a loaded 2-core CI machine. Errors are what a smoke run must catch.
        p.put("p95Ms", "10000");
        p.put("p99Ms", "15000");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        return p;
    }

    @Test
    void configurationDeclaresEveryChannelFamilyAndAllOfThemServe() throws Exception {
        var channels = LoadTestGateway.read(CONFIG).getJsonObject("channels");
        assertThat(channels.fieldNames()).containsExactlyInAnyOrder("lt-sms", "lt-voice", "lt-meta", "lt-x", "lt-form");
        assertThat(gateway.skipped()).as("channels of config/loadtest.yaml this build cannot serve").isEmpty();
    }

    @Test
    void webFormSimulationPassesItsAssertionsAgainstARealGateway() {
        assertThat(GatlingRun.run(WebFormSimulation.class, RESULTS, smoke())).isZero();
    }

    @Test
    void metaSimulationPassesItsAssertionsAgainstARealGateway() {
        assertThat(GatlingRun.run(MetaSimulation.class, RESULTS, smoke())).isZero();
    }

    @Test
    void xSimulationPassesItsAssertionsAgainstARealGateway() {
        assertThat(GatlingRun.run(XSimulation.class, RESULTS, smoke())).isZero();
    }

    @Test
    void twilioSimulationPassesItsAssertionsAgainstARealGateway() {
        assertThat(GatlingRun.run(TwilioSimulation.class, RESULTS, smoke())).isZero();
    }

    @Test
    void duplicateDeliveriesAreEachStoredExactlyOnce() {
        assertThat(GatlingRun.run(DuplicateDeliverySimulation.class, RESULTS,
                smoke("ratios", "whatsapp=30,messenger=20,x-dm=20,form=30", "duplicateShare", "0.4"))).isZero();
    }

    @Test
    void aRunFailsWhenTheGatewayRejectsItsSignatures() {
        assertThat(GatlingRun.run(MetaSimulation.class, RESULTS, smoke("metaAppSecret", "not-the-app-secret",
                "duration", "2s"))).isNotZero();
    }
}

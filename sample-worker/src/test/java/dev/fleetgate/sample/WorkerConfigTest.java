package dev.fleetgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R1: the environment a worker process reads. */
class WorkerConfigTest {

  @Test
  void r1_defaultsEverythingButThePort() {
    WorkerConfig cut = WorkerConfig.fromEnv(Map.of("PORT", "3000"));

    assertEquals(new WorkerConfig("127.0.0.1", 3000, "0", false, Duration.ZERO, false), cut);
  }

  @Test
  void r1_readsEveryVariable() {
    WorkerConfig cut =
        WorkerConfig.fromEnv(
            Map.of(
                "PORT", "0",
                "HOST", "0.0.0.0",
                "WORKER_ID", "web-3",
                "SAMPLE_WORKER_CHAOS", "true",
                "SAMPLE_WORKER_START_DELAY_MS", "1500",
                "SAMPLE_WORKER_ACCESS_LOG", "TRUE"));

    assertEquals(new WorkerConfig("0.0.0.0", 0, "web-3", true, Duration.ofMillis(1500), true), cut);
  }

  @Test
  void r1_treatsBlankOptionalVariablesAsUnset() {
    WorkerConfig cut =
        WorkerConfig.fromEnv(
            Map.of("PORT", "8080", "HOST", " ", "WORKER_ID", "", "SAMPLE_WORKER_CHAOS", ""));

    assertEquals(new WorkerConfig("127.0.0.1", 8080, "0", false, Duration.ZERO, false), cut);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-1", "65536", "80x", "3.5", "99999999999"})
  void r1_1_rejectsAnInvalidPortNamingItAndItsValue(String port) {
    IllegalArgumentException invalid =
        assertThrows(
            IllegalArgumentException.class, () -> WorkerConfig.fromEnv(Map.of("PORT", port)));

    assertTrue(invalid.getMessage().startsWith("PORT='" + port + "'"), invalid.getMessage());
  }

  @Test
  void r1_1_rejectsAMissingPort() {
    IllegalArgumentException invalid =
        assertThrows(IllegalArgumentException.class, () -> WorkerConfig.fromEnv(Map.of()));

    assertTrue(invalid.getMessage().startsWith("PORT is not set"), invalid.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"SAMPLE_WORKER_CHAOS", "SAMPLE_WORKER_ACCESS_LOG", "SAMPLE_WORKER_START_DELAY_MS"})
  void r1_1_rejectsAnInvalidKnobNamingIt(String name) {
    Map<String, String> env = new HashMap<>(Map.of("PORT", "0"));
    env.put(name, "-yes");

    IllegalArgumentException invalid =
        assertThrows(IllegalArgumentException.class, () -> WorkerConfig.fromEnv(env));

    assertTrue(invalid.getMessage().startsWith(name + "='-yes'"), invalid.getMessage());
  }
}

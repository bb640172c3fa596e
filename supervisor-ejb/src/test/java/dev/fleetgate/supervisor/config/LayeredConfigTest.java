package dev.fleetgate.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What {@code fleetgate check} reads: MicroProfile Config's sources, in its order. */
class LayeredConfigTest {
  static final ConfigFile FILE =
      new ConfigFile(
          Optional.of(Path.of("/etc/fleetgate.properties")),
          "test",
          Map.of(
              "fleetgate.workers.count", "2",
              "fleetgate.workers.base-port", "4000",
              "fleetgate.proxy.balance", "hash",
              "fleetgate.proxy.max-tries", "2"),
          Optional.empty());

  static final Map<String, String> DEFAULTS =
      Map.of(
          "fleetgate.workers.count", "0",
          "fleetgate.workers.base-port", "3000",
          "fleetgate.proxy.balance", "round-robin",
          "fleetgate.proxy.max-tries", "3",
          "fleetgate.proxy.max-fails", "1");

  @Test
  @DisplayName("R5 system properties over the environment over the file over the defaults")
  void readsInMicroProfileOrder() {
    LayeredConfig cut =
        new LayeredConfig(
            DEFAULTS,
            FILE,
            Map.of("fleetgate.workers.count", "4", "java.home", "/jdk"),
            Map.of("FLEETGATE_WORKERS_COUNT", "3", "FLEETGATE_WORKERS_BASE_PORT", "5000"));

    assertEquals(Optional.of("4"), cut.value("fleetgate.workers.count"));
    assertEquals("system property", cut.sourceOf("fleetgate.workers.count"));
    assertEquals(Optional.of("5000"), cut.value("fleetgate.workers.base-port"));
    assertEquals("environment", cut.sourceOf("fleetgate.workers.base-port"));
    assertEquals(Optional.of("hash"), cut.value("fleetgate.proxy.balance"));
    assertEquals("config file /etc/fleetgate.properties", cut.sourceOf("fleetgate.proxy.balance"));
    assertEquals(Optional.of("1"), cut.value("fleetgate.proxy.max-fails"));
    assertEquals("default", cut.sourceOf("fleetgate.proxy.max-fails"));
    assertEquals(Optional.empty(), cut.value("fleetgate.workers.env"));
  }

  @Test
  @DisplayName("R5 an empty value counts as unset, as in Payara")
  void emptyIsUnset() {
    LayeredConfig cut =
        new LayeredConfig(DEFAULTS, FILE, Map.of(), Map.of("FLEETGATE_PROXY_MAX_TRIES", ""));

    assertEquals(Optional.of("2"), cut.value("fleetgate.proxy.max-tries"));
  }

  @Test
  @DisplayName("R5 a key is found in the environment under its three MicroProfile names")
  void environmentNames() {
    assertEquals(
        Optional.of("7"),
        new LayeredConfig(DEFAULTS, FILE, Map.of(), Map.of("fleetgate_workers_count", "7"))
            .value("fleetgate.workers.count"));
    assertEquals(
        Optional.of("8"),
        new LayeredConfig(DEFAULTS, FILE, Map.of(), Map.of("fleetgate.workers.count", "8"))
            .value("fleetgate.workers.count"));
  }

  @Test
  @DisplayName("R5 every fleetgate.* name of every source is listed with its source")
  void listsNames() {
    LayeredConfig cut =
        new LayeredConfig(
            DEFAULTS, FILE, Map.of("fleetgate.wrokers.count", "1", "user.home", "/root"), Map.of());

    assertEquals("system property", cut.propertyNames().get("fleetgate.wrokers.count"));
    assertEquals(
        "config file /etc/fleetgate.properties",
        cut.propertyNames().get("fleetgate.workers.count"));
    assertEquals(null, cut.propertyNames().get("user.home"));
  }
}

package dev.fleetgate.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Configuration: defaults from microprofile-config.properties, every bad value names its key. */
class SupervisorConfigTest {

  @Test
  void defaultsGiveOneWorkerPerCpuOfTheSampleWorkerFromPort3000() {
    SupervisorConfig cut = SupervisorConfig.read(ShippedDefaults.with(Map.of()), 6);
    assertEquals(6, cut.count());
    assertEquals(List.of(SupervisorConfig.SAMPLE_WORKER), cut.command());
    assertEquals(3000, cut.portOf(0));
    assertEquals(3005, cut.portOf(5));
    assertEquals("127.0.0.1", cut.host());
    assertEquals(Duration.ofSeconds(10), cut.stopGrace());
    assertEquals(Duration.ofMillis(100), cut.backoffInitial());
    assertEquals(1.5, cut.backoffMultiplier());
    assertEquals(Duration.ofSeconds(15), cut.backoffMax());
    assertEquals(Duration.ofSeconds(30), cut.backoffResetAfter());
    assertEquals(1, cut.minReady());
    assertEquals(10L << 20, cut.logMaxSize());
    assertTrue(cut.logDir().endsWith("fleetgate-data/logs"));
  }

  @Test
  void extraEnvironmentIsParsedWithEscapedCommas() {
    SupervisorConfig cut =
        SupervisorConfig.read(
            ShippedDefaults.with(
                Map.of("fleetgate.workers.env", "NODE_ENV=production, LIST=a\\,b,EMPTY=")),
            1);
    assertEquals(Map.of("NODE_ENV", "production", "LIST", "a,b", "EMPTY", ""), cut.environment());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "fleetgate.workers.count|-1|must be between 0 and 256",
        "fleetgate.workers.count|many|not a whole number",
        "fleetgate.workers.base-port|0|must be between 1",
        "fleetgate.workers.base-port|70000|must be between 1",
        "fleetgate.workers.command|'   '|a value is required",
        "fleetgate.workers.command|node 'app.js|unterminated single quote",
        "fleetgate.workers.stop-grace|soon|not a duration",
        "fleetgate.workers.start-timeout|10ms|must be at least 100ms",
        "fleetgate.workers.orphan-grace|10s|must be 4s or less",
        "fleetgate.workers.backoff.multiplier|0.5|must be between 1.0",
        "fleetgate.workers.memory-limit|lots|not a size",
        "fleetgate.workers.env|PORT=1|set by Fleetgate",
        "fleetgate.workers.env|1BAD=x|is not NAME=value",
        "fleetgate.workers.ready-path|health|must start with /",
        "fleetgate.workers.directory|/no/such/dir|not an existing directory",
        "fleetgate.workers.count|1e3|not a whole number",
        "fleetgate.workers.count|99999999999|not a whole number",
        "fleetgate.workers.host|'  '|a value is required",
        "fleetgate.workers.base-port|3000.5|not a whole number",
        "fleetgate.workers.base-port|65400|must be between 1",
        "fleetgate.workers.start-timeout|-5s|not a duration",
        "fleetgate.workers.stop-grace|PT-1S|must be at least",
        "fleetgate.workers.drain-timeout|30|not a duration",
        "fleetgate.workers.min-ready|257|must be between 0 and 256",
        "fleetgate.workers.backoff.initial|fast|not a duration",
        "fleetgate.workers.backoff.multiplier|NaN|must be between 1.0",
        "fleetgate.workers.backoff.multiplier|11|must be between 1.0",
        "fleetgate.workers.backoff.multiplier|x1.5|not a number",
        "fleetgate.workers.backoff.max|15 sec|not a duration",
        "fleetgate.workers.backoff.reset-after|1d|not a duration",
        "fleetgate.workers.min-uptime|1 s 2|not a duration",
        "fleetgate.workers.max-failed-starts|0|must be between 1",
        "fleetgate.workers.crash-window|500ms|must be at least 1000ms",
        "fleetgate.workers.memory-limit|-1M|not a size",
        "fleetgate.workers.memory-limit|1.5G|not a size",
        "fleetgate.workers.memory-limit|99999999999999999999|too large",
        "fleetgate.workers.memory-limit|9999999999999G|too large",
        "fleetgate.workers.memory-check-interval|100ms|must be at least 1000ms",
        "fleetgate.workers.log-lines|-1|must be between 0",
        "fleetgate.workers.log-max-size|10X|not a size",
        "fleetgate.workers.log-max-files|0|must be between 1 and 1000",
        "fleetgate.workers.env|NAME|is not NAME=value",
        "fleetgate.workers.env|WORKER_ID=3|set by Fleetgate",
        "fleetgate.workers.command|\"node|unterminated double quote",
        "fleetgate.state-dir|'  '|a value is required"
      })
  void anInvalidValueStopsStartUpNamingTheKeyAndTheValue(String key, String value, String why) {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> SupervisorConfig.read(ShippedDefaults.with(Map.of(key, value)), 2));
    assertEquals(key, e.key());
    assertTrue(e.getMessage().contains(key), e.getMessage());
    assertTrue(e.getMessage().contains(why), e.getMessage());
    if (!value.isBlank()) {
      assertTrue(e.getMessage().contains(value), e.getMessage());
    }
  }

  @Test
  void durationsAcceptUnitsAndIso8601() {
    assertEquals(Duration.ofMillis(1500), ConfigValues.parseDuration("k", "1.5s"));
    assertEquals(Duration.ofMinutes(2), ConfigValues.parseDuration("k", "2m"));
    assertEquals(Duration.ofMillis(250), ConfigValues.parseDuration("k", "250ms"));
    assertEquals(Duration.ofSeconds(10), ConfigValues.parseDuration("k", "PT10S"));
  }
}

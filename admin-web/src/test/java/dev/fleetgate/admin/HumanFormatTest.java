package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetgate.supervisor.entity.ExitStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanFormatTest {

  static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  @ParameterizedTest(name = "{0} s → {1}")
  @DisplayName("R1.1 durations read in two units at most")
  @CsvSource({
    "-5, 0 s",
    "0, 0 s",
    "59, 59 s",
    "60, 1 min 0 s",
    "3599, 59 min 59 s",
    "3600, 1 h 0 min",
    "11520, 3 h 12 min",
    "86399, 23 h 59 min",
    "86400, 1 d 0 h",
    "187200, 2 d 4 h"
  })
  void formatsDurations(long seconds, String expected) {
    assertEquals(expected, HumanFormat.duration(Duration.ofSeconds(seconds)));
  }

  @ParameterizedTest(name = "{0} bytes → {1}")
  @DisplayName("R1.2 memory reads in binary units, '–' when unknown")
  @CsvSource({
    "-1, –",
    "0, 0 B",
    "1023, 1023 B",
    "1024, 1.0 KiB",
    "1536, 1.5 KiB",
    "1048524, 1023.9 KiB",
    "1048575, 1.0 MiB",
    "242745344, 231.5 MiB",
    "5368709120, 5.0 GiB",
    "9223372036854775807, 8.0 EiB"
  })
  void formatsBytes(long bytes, String expected) {
    assertEquals(expected, HumanFormat.bytes(bytes));
  }

  @ParameterizedTest(name = "{0} ms → {1}")
  @DisplayName("R1.5 latencies read in ms or s, '–' before the first request")
  @CsvSource({
    "NaN, –",
    "0.42, 0.4 ms",
    "9.96, 10.0 ms",
    "12.4, 12 ms",
    "999, 999 ms",
    "1250, 1.25 s"
  })
  void formatsMillis(double millis, String expected) {
    assertEquals(expected, HumanFormat.millis(millis));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @DisplayName("R1.5 CPU reads in percent of one core, '–' when unknown")
  @CsvSource({"-1, –", "0, 0.0 %", "12.54, 12.5 %", "187, 187.0 %"})
  void formatsPercent(double percent, String expected) {
    assertEquals(expected, HumanFormat.percent(percent));
  }

  @Test
  @DisplayName("R1.3 an exit code reads with how long ago it was")
  void formatsExitCode() {
    ExitStatus exit = new ExitStatus(1, null, NOW.minusSeconds(182));

    assertEquals("code 1, 3 min 2 s ago", HumanFormat.exit(exit, NOW));
  }

  @Test
  @DisplayName("R1.3 a signal reads with its name")
  void formatsSignalWithName() {
    ExitStatus exit = ExitStatus.fromShellStatus(137, NOW.minusSeconds(10));

    assertEquals("signal 9 (SIGKILL), 10 s ago", HumanFormat.exit(exit, NOW));
  }

  @Test
  @DisplayName("R1.3 an unusual signal reads as its number")
  void formatsUnnamedSignal() {
    assertEquals("signal 30", HumanFormat.exit(new ExitStatus(158, 30, null), NOW));
  }

  @Test
  @DisplayName("R1.3 no exit yet reads '–'")
  void formatsMissingExit() {
    assertEquals("–", HumanFormat.exit(null, NOW));
  }
}

package dev.fleetgate.admin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginThrottleTest {

  static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");
  static final String ADDRESS = "192.0.2.7";

  LoginThrottle cut;

  @BeforeEach
  void setUp() {
    cut = new LoginThrottle();
    at(T0);
  }

  void at(Instant now) {
    cut.clock = Clock.fixed(now, ZoneOffset.UTC);
  }

  @ParameterizedTest(name = "after {0} failures wait {1} s")
  @DisplayName("R5 the wait doubles with each consecutive failure, capped at 30 s")
  @CsvSource({"0, 0", "1, 1", "2, 2", "3, 4", "4, 8", "5, 16", "6, 30", "7, 30", "40, 30"})
  void delayGrowsAndIsCapped(int failures, long seconds) {
    assertEquals(Duration.ofSeconds(seconds), LoginThrottle.delayAfter(failures));
  }

  @Test
  @DisplayName("R5 an address that never failed may try at once")
  void unknownAddressNeedNotWait() {
    assertEquals(Duration.ZERO, cut.remainingWait(ADDRESS));
  }

  @Test
  @DisplayName("R5 after failures the address waits, and the wait runs down with time")
  void failedAddressWaits() {
    cut.failed(ADDRESS);
    cut.failed(ADDRESS);
    assertEquals(3, cut.failed(ADDRESS));

    assertEquals(Duration.ofSeconds(4), cut.remainingWait(ADDRESS));
    at(T0.plusSeconds(3));
    assertEquals(Duration.ofSeconds(1), cut.remainingWait(ADDRESS));
    at(T0.plusSeconds(5));
    assertEquals(Duration.ZERO, cut.remainingWait(ADDRESS));
  }

  @Test
  @DisplayName("R5 other addresses are not slowed by one that fails")
  void addressesAreCountedApart() {
    cut.failed(ADDRESS);

    assertEquals(Duration.ZERO, cut.remainingWait("198.51.100.1"));
  }

  @Test
  @DisplayName("R5 a success forgets the failures")
  void successResetsTheCount() {
    cut.failed(ADDRESS);
    cut.failed(ADDRESS);

    cut.succeeded(ADDRESS);

    assertEquals(Duration.ZERO, cut.remainingWait(ADDRESS));
    assertEquals(1, cut.failed(ADDRESS));
  }

  @Test
  @DisplayName("R5 fifteen quiet minutes forget the failures")
  void quietPeriodResetsTheCount() {
    for (int i = 0; i < 5; i++) {
      cut.failed(ADDRESS);
    }

    at(T0.plus(LoginThrottle.FORGET_AFTER).plusSeconds(1));

    assertEquals(1, cut.failed(ADDRESS));
  }
}

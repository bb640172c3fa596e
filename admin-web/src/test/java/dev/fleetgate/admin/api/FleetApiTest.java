package dev.fleetgate.admin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetgate.admin.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FleetApiTest {

  @ParameterizedTest(name = "{0} → {1}")
  @DisplayName("R3 an operation's outcome is answered with the status that says it")
  @CsvSource({
    "DONE,200",
    "NO_SUCH_WORKER,404",
    "INVALID_ARGUMENT,400",
    "REFUSED,409",
    "FAILED,500",
    "NOT_ALLOWED,403"
  })
  void answersEachOutcomeWithItsStatus(Outcome.Result result, int status) {
    assertEquals(status, FleetApi.statusOf(result));
  }
}

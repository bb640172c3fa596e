package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OperationTest {

  @ParameterizedTest(name = "{0} → {2}")
  @DisplayName("R7 each operation has one audit line naming user, action, worker and result")
  @CsvSource(
      delimiter = '|',
      value = {
        "RESTART|2|user=admin action=restart worker=2 result=ok",
        "STOP|0|user=admin action=stop worker=0 result=ok",
        "START|1|user=admin action=start worker=1 result=ok",
        "DRAIN|3|user=admin action=drain worker=3 result=ok",
        "SCALE|3|user=admin action=scale(3) worker=all result=ok",
        "ROLLING_RESTART|0|user=admin action=rolling-restart worker=all result=ok"
      })
  void writesAuditLine(Operation cut, int argument, String expected) {
    assertEquals(expected, cut.auditLine("admin", "default", argument, "ok"));
  }

  @ParameterizedTest(name = "{0} → {2}")
  @DisplayName("R7 another app's worker is app/id in the audit line, the whole app app/all")
  @CsvSource(
      delimiter = '|',
      value = {
        "RESTART|0|user=admin action=restart worker=api/0 result=ok",
        "DRAIN|3|user=admin action=drain worker=api/3 result=ok",
        "SCALE|4|user=admin action=scale(4) worker=api/all result=ok",
        "ROLLING_RESTART|0|user=admin action=rolling-restart worker=api/all result=ok",
        "RELOAD|0|user=admin action=reload worker=all result=ok"
      })
  void writesAuditLineOfAnotherApp(Operation cut, int argument, String expected) {
    assertEquals(expected, cut.auditLine("admin", "api", argument, "ok"));
  }

  @Test
  @DisplayName("R7 a failure's message cannot forge a second audit line")
  void keepsAuditLineOnOneLine() {
    String line =
        Operation.STOP.auditLine(
            "admin", "default", 1, "error: no\nuser=eve action=stop result=ok");

    assertEquals(
        "user=admin action=stop worker=1 result=error: no?user=eve action=stop result=ok", line);
  }

  @ParameterizedTest(name = "{0} → {2}")
  @DisplayName("R6 the operator reads what was done")
  @CsvSource(
      delimiter = '|',
      value = {
        "RESTART|2|Restarted worker 2",
        "SCALE|3|Scaled to 3 workers",
        "ROLLING_RESTART|0|Restarted every worker, one after the other"
      })
  void saysWhatWasDone(Operation cut, int argument, String expected) {
    assertEquals(expected, cut.done("default", argument));
  }

  @ParameterizedTest(name = "{0} → {2}")
  @DisplayName("R6 the operator reads which app was acted on")
  @CsvSource(
      delimiter = '|',
      value = {
        "RESTART|2|Restarted worker api/2",
        "SCALE|3|Scaled api to 3 workers",
        "ROLLING_RESTART|0|Restarted every worker of api, one after the other"
      })
  void saysWhichAppWasActedOn(Operation cut, int argument, String expected) {
    assertEquals(expected, cut.done("api", argument));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @DisplayName("R16 the API names the operations on one worker as the audit log does")
  @CsvSource({"restart,RESTART", "stop,STOP", "start,START", "drain,DRAIN"})
  void findsOperationOnOneWorkerByName(String name, Operation expected) {
    assertEquals(Optional.of(expected), Operation.onOneWorker(name));
  }

  @ParameterizedTest
  @DisplayName("R16 fleet operations and unknown names are no operation on one worker")
  @ValueSource(strings = {"scale", "rolling-restart", "RESTART", "kill", ""})
  void findsNoOperationOnOneWorkerForOtherNames(String name) {
    assertEquals(Optional.empty(), Operation.onOneWorker(name));
  }
}

package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetgate.supervisor.entity.LogLine;
import dev.fleetgate.supervisor.entity.WorkerEvent;
import dev.fleetgate.supervisor.entity.WorkerState;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogRowTest {

  static final Instant AT = Instant.parse("2025-01-01T12:34:56.789Z");

  @Test
  @DisplayName("R11.1 a stdout line reads as 'out' in the stdout style")
  void showsStdout() {
    LogRow cut = LogRow.of(new LogLine(AT, LogLine.Stream.STDOUT, "listening"), ZoneOffset.UTC);

    assertEquals("12:34:56.789", cut.getTime());
    assertEquals("out", cut.getStream());
    assertEquals("fg-log-line fg-log-out", cut.getStyleClass());
    assertEquals("listening", cut.getText());
  }

  @Test
  @DisplayName("R11.1 a stderr line reads as 'err' in the stderr style")
  void showsStderr() {
    LogRow cut = LogRow.of(new LogLine(AT, LogLine.Stream.STDERR, "boom"), ZoneOffset.UTC);

    assertEquals("err", cut.getStream());
    assertEquals("fg-log-line fg-log-err", cut.getStyleClass());
  }

  @Test
  @DisplayName("R11.2 a state change reads as 'FROM → TO' with pid and reason")
  void showsEvent() {
    EventRow cut =
        EventRow.of(
            new WorkerEvent(AT, WorkerState.READY, WorkerState.BACKOFF, 42, "exit code 1"),
            ZoneOffset.UTC);

    assertEquals("2025-01-01 12:34:56", cut.getAt());
    assertEquals("READY → BACKOFF", cut.getChange());
    assertEquals("fg-badge fg-badge-waiting", cut.getBadgeClass());
    assertEquals("42", cut.getPid());
    assertEquals("exit code 1", cut.getReason());
  }

  @Test
  @DisplayName("R11.2 a change without a process shows '–' for the pid")
  void showsEventWithoutPid() {
    EventRow cut =
        EventRow.of(
            new WorkerEvent(AT, WorkerState.STOPPING, WorkerState.STOPPED, -1, null),
            ZoneOffset.UTC);

    assertEquals("–", cut.getPid());
    assertEquals("", cut.getReason());
  }
}

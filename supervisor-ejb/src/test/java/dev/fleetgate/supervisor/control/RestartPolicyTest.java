package dev.fleetgate.supervisor.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetgate.supervisor.control.RestartPolicy.Exit;
import dev.fleetgate.supervisor.control.RestartPolicy.History;
import dev.fleetgate.supervisor.control.RestartPolicy.Phase;
import dev.fleetgate.supervisor.control.RestartPolicy.Verdict;
import dev.fleetgate.supervisor.entity.ExitStatus;
import dev.fleetgate.supervisor.entity.WorkerState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * R4: what the end of a worker's process means, as one table, without processes. Settings: {@code
 * min-uptime} 1 s, start timeout 30 s, backoff 100 ms ×1.5 up to 15 s, 3 failed starts within 60 s
 * make FAILED.
 */
class RestartPolicyTest {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  RestartPolicy cut = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30));

  static History history() {
    return new History(
        new Backoff(Duration.ofMillis(100), 1.5, Duration.ofSeconds(15), Duration.ofSeconds(30)),
        new CrashLoopGuard(3, Duration.ofSeconds(60)));
  }

  /**
   * Given what the worker was doing, how its process ended, how long it ran and was ready, the
   * failed starts it had (seconds ago) and the backoff delays it already waited since it was last
   * ready; then its next state, the delay before it starts again, and the reason it shows.
   */
  @ParameterizedTest(name = "{0} {1} ran {2} ready {3} failed [{4}] waited {5} → {6} {7} ms")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # exited while    | exit        | ran    | ready  | failed | waited | next    | delay | reason
          # R4.1 stop or drain asked for it: STOPPED, whatever the status and the history
          STOPPING          | exit code 0 | 5s     | 4s     |        | 0      | STOPPED | 0     | exit code 0
          STOPPING          | signal 9    | 5s     | 4s     | 20 10  | 2      | STOPPED | 0     | signal 9
          DRAINING          | exit code 1 | 1h     | 1h     |        | 0      | STOPPED | 0     | exited while draining, exit code 1
          # R4.2 exit before ready: a failed start; each one waits ×1.5 longer, up to 15 s
          STARTING          | exit code 3 | 200ms  | 0      |        | 0      | BACKOFF | 100   | exited before ready, exit code 3; restart in 100 ms
          STARTING          | exit code 3 | 200ms  | 0      | 1      | 1      | BACKOFF | 150   | exited before ready, exit code 3; restart in 150 ms
          STARTING          | signal 11   | 200ms  | 0      | 1      | 2      | BACKOFF | 225   | exited before ready, signal 11; restart in 225 ms
          STARTING          | exit code 3 | 200ms  | 0      | 1      | 13     | BACKOFF | 15000 | exited before ready, exit code 3; restart in 15000 ms
          # R4.2 the third failed start within 60 s: FAILED, until an operator starts it
          STARTING          | exit code 3 | 200ms  | 0      | 2 1    | 2      | FAILED  | 0     | 3 failed starts within 60 s (last: exited before ready, exit code 3); start it again from the console
          STARTING          | exit code 3 | 200ms  | 0      | 60 1   | 2      | FAILED  | 0     | 3 failed starts within 60 s (last: exited before ready, exit code 3); start it again from the console
          # failed starts older than the window no longer count
          STARTING          | exit code 3 | 200ms  | 0      | 61 1   | 2      | BACKOFF | 225   | exited before ready, exit code 3; restart in 225 ms
          # R4.2 killed for not being ready within the start timeout: a failed start too
          NOT_READY_IN_TIME | signal 9    | 30s    | 0      |        | 0      | BACKOFF | 100   | not ready within 30000 ms; restart in 100 ms
          # it ran as long as reset-after (30 s) but was never ready: the sequence goes on
          NOT_READY_IN_TIME | signal 9    | 30s    | 0      | 1      | 2      | BACKOFF | 225   | not ready within 30000 ms; restart in 225 ms
          NOT_READY_IN_TIME | signal 9    | 30s    | 0      | 50 20  | 2      | FAILED  | 0     | 3 failed starts within 60 s (last: not ready within 30000 ms); start it again from the console
          # R4.2 exit within min-uptime (1 s) of ready: a failed start
          READY             | exit code 1 | 3s     | 999ms  |        | 0      | BACKOFF | 100   | exited 999 ms after ready, exit code 1; restart in 100 ms
          READY             | signal 9    | 3s     | 0      | 5 3    | 0      | FAILED  | 0     | 3 failed starts within 60 s (last: exited 0 ms after ready, signal 9); start it again from the console
          # R4.3 up for min-uptime or longer: a crash, restarted; never FAILED, even with status 0
          READY             | signal 9    | 3s     | 1s     | 5 3    | 0      | BACKOFF | 100   | exited, signal 9; restart in 100 ms
          READY             | exit code 0 | 1h     | 1h     |        | 0      | BACKOFF | 100   | exited, exit code 0; restart in 100 ms
          """)
  void r4_decidesWhatAnExitMeans(
      Phase phase,
      String exit,
      String ran,
      String ready,
      String failedSecondsAgo,
      int waited,
      WorkerState next,
      long delayMillis,
      String reason) {
    History history = history();
    if (failedSecondsAgo != null) {
      for (String ago : failedSecondsAgo.trim().split("\\s+")) {
        history.crashGuard.recordFailure(NOW.minusSeconds(Long.parseLong(ago)));
      }
    }
    for (int i = 0; i < waited; i++) {
      history.backoff.delayAfter(Duration.ZERO);
    }

    Verdict verdict =
        cut.decide(new Exit(phase, status(exit), duration(ran), duration(ready)), NOW, history);

    assertAll(
        () -> assertEquals(next, verdict.next(), "next state"),
        () -> assertEquals(delayMillis, verdict.delay().toMillis(), "delay"),
        () -> assertEquals(reason, verdict.reason(), "reason"));
  }

  @Test
  void r4_aWorkerThatCrashesSecondsAfterReadyKeepsItsGrowingDelay() {
    History history = history();
    history.backoff.delayAfter(Duration.ZERO); // 100 ms
    history.backoff.delayAfter(Duration.ZERO); // 150 ms

    Verdict crash = cut.decide(exit(Phase.READY, "5s"), NOW, history);
    assertEquals(Duration.ofMillis(225), crash.delay(), "a crash loop with ready in between");
  }

  @Test
  void r4_aWorkerUpForResetAfterStartsTheBackoffSequenceAgain() {
    History history = history();
    history.backoff.delayAfter(Duration.ZERO);
    history.backoff.delayAfter(Duration.ZERO);
    history.crashGuard.recordFailure(NOW.minusSeconds(2));

    Verdict crash = cut.decide(exit(Phase.READY, "31s"), NOW, history);
    assertEquals(Duration.ofMillis(100), crash.delay());
    assertEquals(1, history.crashGuard.recentFailures(), "failed starts are still remembered");
  }

  @Test
  void r4_anOperatorsStartForgetsFailedStartsAndBackoff() {
    History history = history();
    cut.decide(exit(Phase.STARTING, "0"), NOW.minusSeconds(2), history);
    cut.decide(exit(Phase.STARTING, "0"), NOW.minusSeconds(1), history);

    history.startedByOperator();

    Verdict next = cut.decide(exit(Phase.STARTING, "0"), NOW, history);
    assertEquals(WorkerState.BACKOFF, next.next(), "a third failed start, but the first counted");
    assertEquals(Duration.ofMillis(100), next.delay());
  }

  // ---- the table's words ----------------------------------------------------------------------

  static Exit exit(Phase phase, String ready) {
    return new Exit(phase, status("exit code 1"), Duration.ofSeconds(5), duration(ready));
  }

  /** "exit code 3" or "signal 9", as {@link ExitStatus#toString()} writes them. */
  static ExitStatus status(String text) {
    return text.startsWith("signal ")
        ? ExitStatus.fromShellStatus(128 + Integer.parseInt(text.substring(7)), NOW)
        : ExitStatus.fromShellStatus(Integer.parseInt(text.substring(10)), NOW);
  }

  /** "0", "999ms", "30s", "1h". */
  static Duration duration(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return text.endsWith("h") ? Duration.ofHours(amount) : Duration.ofSeconds(amount);
  }
}

package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.config.SupervisorConfig;
import dev.fleetgate.supervisor.entity.ExitStatus;
import dev.fleetgate.supervisor.entity.WorkerState;
import java.time.Duration;
import java.time.Instant;

/**
 * What the end of a worker's process means (R4): STOPPED, BACKOFF after a delay, or FAILED. Pure:
 * no clock, no process, no lock; it reads and advances only the {@link History} it is given, which
 * the worker guards with its monitor.
 *
 * <ul>
 *   <li>An exit the supervisor asked for (stop, drain) stops the worker, whatever its status.
 *   <li>A failed start is an exit before ready, a kill for not being ready within the start
 *       timeout, or an exit less than {@code min-uptime} after ready (PM2's {@code min_uptime}). It
 *       counts in the {@link CrashLoopGuard}: the {@code max-failed-starts}-th within the crash
 *       window means FAILED; otherwise BACKOFF after the next {@link Backoff} delay.
 *   <li>Any other exit of a ready worker, even with status 0, is a crash: BACKOFF, never FAILED.
 * </ul>
 */
final class RestartPolicy {

  /** What the worker was doing when its process ended. */
  enum Phase {
    /** Stopping on request: stop, or the end of a drain. */
    STOPPING,
    /** Draining: it exited by itself before the drain stopped it. */
    DRAINING,
    /** Started, not ready yet. */
    STARTING,
    /** Killed because it was not ready within the start timeout. */
    NOT_READY_IN_TIME,
    /** Ready, taking requests. */
    READY
  }

  /**
   * One ended process.
   *
   * @param ranFor since the process started
   * @param readyFor since it became ready; zero when it never did
   */
  record Exit(Phase phase, ExitStatus status, Duration ranFor, Duration readyFor) {}

  /**
   * The worker's next state, and for BACKOFF the delay before it starts again.
   *
   * @param reason why, for the state change's event, and for the console when not STOPPED
   */
  record Verdict(WorkerState next, Duration delay, String reason) {}

  /** What one worker remembers across its processes: its backoff sequence, its failed starts. */
  static final class History {
    final Backoff backoff;
    final CrashLoopGuard crashGuard;

    History(Backoff backoff, CrashLoopGuard crashGuard) {
      this.backoff = backoff;
      this.crashGuard = crashGuard;
    }

    /** An operator's start forgets everything: the worker gets a clean slate. */
    void startedByOperator() {
      crashGuard.reset();
      backoff.reset();
    }
  }

  private final Duration minUptime;
  private final Duration startTimeout;

  RestartPolicy(Duration minUptime, Duration startTimeout) {
    this.minUptime = minUptime;
    this.startTimeout = startTimeout;
  }

  static RestartPolicy of(SupervisorConfig config) {
    return new RestartPolicy(config.minUptime(), config.startTimeout());
  }

  static History newHistory(SupervisorConfig config) {
    return new History(
        new Backoff(
            config.backoffInitial(),
            config.backoffMultiplier(),
            config.backoffMax(),
            config.backoffResetAfter()),
        new CrashLoopGuard(config.maxFailedStarts(), config.crashWindow()));
  }

  /** Why a worker killed for not being ready in time was killed. */
  static String notReadyWithin(Duration startTimeout) {
    return "not ready within " + startTimeout.toMillis() + " ms";
  }

  /** What {@code exit} means at {@code now}; a failed start is recorded in {@code history}. */
  Verdict decide(Exit exit, Instant now, History history) {
    ExitStatus status = exit.status();
    return switch (exit.phase()) {
      case STOPPING -> stopped(status.toString());
      case DRAINING -> stopped("exited while draining, " + status);
      case STARTING -> failedStart("exited before ready, " + status, now, history);
      case NOT_READY_IN_TIME -> failedStart(notReadyWithin(startTimeout), now, history);
      case READY ->
          exit.readyFor().compareTo(minUptime) < 0
              ? failedStart(
                  "exited " + exit.readyFor().toMillis() + " ms after ready, " + status,
                  now,
                  history)
              : backoff("exited, " + status, exit.readyFor(), history);
    };
  }

  private static Verdict stopped(String why) {
    return new Verdict(WorkerState.STOPPED, Duration.ZERO, why);
  }

  private static Verdict failedStart(String why, Instant now, History history) {
    CrashLoopGuard guard = history.crashGuard;
    if (guard.recordFailure(now)) {
      return new Verdict(
          WorkerState.FAILED,
          Duration.ZERO,
          guard.recentFailures()
              + " failed starts within "
              + guard.window().toSeconds()
              + " s (last: "
              + why
              + "); start it again from the console");
    }
    // A failed start never ran long enough to reset the backoff sequence.
    return backoff(why, Duration.ZERO, history);
  }

  private static Verdict backoff(String why, Duration uptime, History history) {
    Duration delay = history.backoff.delayAfter(uptime);
    return new Verdict(
        WorkerState.BACKOFF, delay, why + "; restart in " + delay.toMillis() + " ms");
  }
}

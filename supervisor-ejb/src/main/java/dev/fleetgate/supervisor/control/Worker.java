package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.entity.ExitStatus;
import dev.fleetgate.supervisor.entity.LogLine;
import dev.fleetgate.supervisor.entity.WorkerEvent;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import dev.fleetgate.supervisor.routing.Upstream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One worker slot: its id and port, its state, its current process and what it remembers across
 * processes (restarts, last exit, backoff, log). All fields are guarded by the instance's monitor;
 * {@link Fleet} drives it. {@code state} and {@code upstream} are also readable without the lock.
 */
final class Worker {
  private static final Logger LOG = Logger.getLogger(Worker.class.getName());
  private static final int EVENTS_KEPT = 100;

  final int id;
  final int port;
  final Backoff backoff;
  final CrashLoopGuard crashGuard;
  final LogTail logTail;
  final RotatingLogFile logFile;

  private volatile WorkerState state = WorkerState.STOPPED;
  private volatile Upstream upstream;
  Instant since;
  WorkerProcess process;
  Instant readyAt;
  int starts;
  ExitStatus lastExit;
  String reason;
  boolean startTimedOut;
  long residentBytes = -1;
  double cpuPercent = -1;
  long cpuTicks = -1;
  Instant cpuSampledAt;
  private final Deque<WorkerEvent> events = new ArrayDeque<>();
  ScheduledFuture<?> pending;

  /** Completes when the current start attempt reaches READY; fails when it gives up. */
  CompletableFuture<Void> ready = new CompletableFuture<>();

  /** Completes when the worker reaches STOPPED. */
  CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);

  Worker(
      int id,
      int port,
      Backoff backoff,
      CrashLoopGuard crashGuard,
      LogTail tail,
      RotatingLogFile file,
      Instant now) {
    this.id = id;
    this.port = port;
    this.backoff = backoff;
    this.crashGuard = crashGuard;
    this.logTail = tail;
    this.logFile = file;
    this.since = now;
  }

  WorkerState state() {
    return state;
  }

  Upstream upstream() {
    return upstream;
  }

  /** The pid of the worker's process, or -1 when it has none. */
  long pid() {
    return process == null || !state.hasProcess() ? -1 : process.pid();
  }

  /** Moves to {@code next} if the lifecycle table allows it, and logs the move. */
  void moveTo(WorkerState next, Instant now, String why) {
    WorkerState previous = state;
    Lifecycle.check(previous, next);
    long pid = process == null ? -1 : process.pid();
    state = next;
    since = now;
    events.addLast(new WorkerEvent(now, previous, next, pid, why));
    if (events.size() > EVENTS_KEPT) {
      events.removeFirst();
    }
    if (next == WorkerState.STARTING) {
      ready = ready.isDone() ? new CompletableFuture<>() : ready;
      stopped = stopped.isDone() ? new CompletableFuture<>() : stopped;
    }
    if (next != WorkerState.READY && next != WorkerState.DRAINING) {
      upstream = null;
    }
    // Complete the futures of the attempt that just ended; callbacks may start a new attempt.
    CompletableFuture<Void> readyNow = ready;
    CompletableFuture<Void> stoppedNow = stopped;
    if (next == WorkerState.STOPPED || next == WorkerState.FAILED) {
      readyNow.completeExceptionally(
          new IllegalStateException(
              "worker " + id + (next == WorkerState.STOPPED ? " stopped" : ": " + why)));
      stoppedNow.complete(null);
    }
    Level level =
        next == WorkerState.FAILED || next == WorkerState.BACKOFF ? Level.WARNING : Level.INFO;
    LOG.log(
        level,
        "Worker {0} (pid {1}, port {2}): {3} -> {4}{5}",
        new Object[] {
          id,
          Long.toString(pid),
          Integer.toString(port),
          previous,
          next,
          why == null ? "" : " (" + why + ")"
        });
  }

  void becomeReady(Upstream target, Instant now) {
    readyAt = now;
    moveTo(WorkerState.READY, now, null);
    upstream = target;
    ready.complete(null);
  }

  /** The last state changes, oldest first. */
  List<WorkerEvent> events() {
    return List.copyOf(events);
  }

  void output(LogLine line) {
    logTail.add(line);
    logFile.write(line);
  }

  WorkerSnapshot snapshot(List<String> command) {
    Upstream target = upstream;
    return new WorkerSnapshot(
        id,
        pid(),
        port,
        state,
        since,
        state.hasProcess() && process != null ? process.startedAt() : null,
        Math.max(0, starts - 1),
        lastExit,
        state.hasProcess() ? residentBytes : -1,
        state.hasProcess() ? cpuPercent : -1,
        target == null ? 0 : target.inFlight(),
        reason,
        command);
  }
}

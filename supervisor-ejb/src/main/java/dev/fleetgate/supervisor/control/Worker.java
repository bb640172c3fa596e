package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.config.SupervisorConfig;
import dev.fleetgate.supervisor.entity.ExitStatus;
import dev.fleetgate.supervisor.entity.WorkerEvent;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import dev.fleetgate.supervisor.routing.Upstream;
import dev.fleetgate.supervisor.traffic.TrafficLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One worker slot and its lifecycle (R2–R5, R8): start, readiness probe, stop, drain, and what the
 * end of each of its processes means. Its state is private, guarded by its own monitor, and moves
 * only through the {@link Lifecycle} table; {@code state} and {@code upstream} are also readable
 * without the lock, for the routes. {@link Fleet} owns the slots, the {@link WorkerLauncher} starts
 * the processes, the {@link RestartPolicy} judges their exits. Operations return futures that
 * complete when they took effect.
 */
final class Worker {
  private static final Logger LOG = Logger.getLogger(Worker.class.getName());
  private static final long PROBE_MILLIS = 50;

  /**
   * What the workers of one fleet share.
   *
   * @param routesChanged republishes the routes; called with this worker's monitor held
   * @param settled a worker id reached READY or FAILED (the initial start waits for all)
   * @param lineNumbers numbers every output line, one counter for the fleet (R7.1)
   */
  record Shared(
      SupervisorConfig config,
      WorkerLauncher launcher,
      ReadinessProbe probe,
      RestartPolicy policy,
      TrafficLedger traffic,
      ScheduledExecutorService scheduler,
      Clock clock,
      Runnable routesChanged,
      IntConsumer settled,
      LongSupplier lineNumbers) {}

  final int id;
  final int port;
  private final SupervisorConfig config;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Shared shared;
  private final RestartPolicy.History history;
  private final WorkerEvents events;
  final WorkerOutput output;

  private volatile WorkerState state = WorkerState.STOPPED;
  private volatile Upstream upstream;
  private Instant since;
  private WorkerProcess process;
  private Instant readyAt;
  private int starts;
  private ExitStatus lastExit;
  private String reason;
  private boolean startTimedOut;
  private ScheduledFuture<?> pending;

  /** Completes when the current start attempt reaches READY; fails when it gives up. */
  private CompletableFuture<Void> ready = new CompletableFuture<>();

  /** Completes when the worker reaches STOPPED. */
  private CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);

  Worker(int id, Shared shared) {
    this.id = id;
    this.config = shared.config();
    this.port = config.portOf(id);
    this.scheduler = shared.scheduler();
    this.clock = shared.clock();
    this.shared = shared;
    this.history = RestartPolicy.newHistory(config);
    this.events = new WorkerEvents(id, port);
    this.output = new WorkerOutput(id, config, shared.lineNumbers());
    this.since = clock.instant();
  }

  WorkerState state() {
    return state;
  }

  Upstream upstream() {
    return upstream;
  }

  // ---- operations ---------------------------------------------------------------------------

  /** Starts the worker unless it has a process; an operator's start forgets its crash history. */
  synchronized CompletableFuture<Void> start() {
    if (state.hasProcess()) {
      return ready;
    }
    history.startedByOperator();
    return launch();
  }

  /** Stops the worker without draining: SIGTERM, grace period, SIGKILL for its process tree. */
  synchronized CompletableFuture<Void> stop() {
    switch (state) {
      case READY, STARTING -> {
        moveTo(WorkerState.STOPPING, now(), "stop requested");
        shared.routesChanged().run();
        process.stop();
      }
      case BACKOFF, FAILED -> {
        cancelPending();
        moveTo(WorkerState.STOPPED, now(), "stop requested");
      }
      default -> {
        // DRAINING and STOPPING are already on their way to STOPPED.
      }
    }
    return stopped;
  }

  /** No new requests; once its in-flight requests finished, it stops. Not READY: stops now. */
  synchronized CompletableFuture<Void> drain() {
    if (state != WorkerState.READY) {
      return stop();
    }
    moveTo(WorkerState.DRAINING, now(), "drain requested");
    shared.routesChanged().run();
    scheduleDrainCheck(process, now().plus(config.drainTimeout()));
    return stopped;
  }

  // ---- queries ------------------------------------------------------------------------------

  synchronized WorkerSnapshot snapshot(List<String> command, ResourceMonitor.Usage usage) {
    Upstream target = upstream;
    return new WorkerSnapshot(
        config.app(),
        id,
        pid(),
        port,
        state,
        since,
        state.hasProcess() && process != null ? process.startedAt() : null,
        Math.max(0, starts - 1),
        lastExit,
        state.hasProcess() ? usage.rssBytes() : -1,
        state.hasProcess() ? usage.cpuPercent() : -1,
        target == null ? 0 : target.inFlight(),
        reason,
        command);
  }

  /** The pid of the worker's process, or -1 when it has none. */
  synchronized long pid() {
    return process == null || !state.hasProcess() ? -1 : process.pid();
  }

  /** The last state changes, oldest first. */
  synchronized List<WorkerEvent> events() {
    return events.list();
  }

  Map<String, String> environment() {
    return shared.launcher().environment(id, port);
  }

  // ---- one process, from launch to exit ------------------------------------------------------

  /** Launches a process; the caller holds this worker's monitor. */
  private CompletableFuture<Void> launch() {
    cancelPending();
    Instant now = now();
    startTimedOut = false;
    reason = null;
    process = null;
    moveTo(WorkerState.STARTING, now, starts == 0 ? null : "start");
    starts++;
    try {
      WorkerProcess started = shared.launcher().launch(id, port, output::add);
      process = started;
      started.exited().thenAcceptAsync(status -> exited(started, status), scheduler);
      Instant deadline = now.plus(config.startTimeout());
      scheduler.schedule(() -> probe(started, deadline), 0, TimeUnit.MILLISECONDS);
    } catch (WorkerLauncher.LaunchFailed e) {
      reason = e.getMessage();
      moveTo(WorkerState.FAILED, now, reason);
      shared.settled().accept(id);
    }
    return ready;
  }

  /** Polls the starting process until it is ready, exits, or runs out of time (R2). */
  private void probe(WorkerProcess attempt, Instant deadline) {
    synchronized (this) {
      if (process != attempt || state != WorkerState.STARTING) {
        return;
      }
    }
    // Outside the monitor: the probe may take up to a second, and stop() must not wait for it.
    boolean isReady = shared.probe().ready(config.host(), port);
    synchronized (this) {
      if (process != attempt || state != WorkerState.STARTING) {
        return;
      }
      Instant now = now();
      if (isReady) {
        readyAt = now;
        moveTo(WorkerState.READY, now, null);
        upstream = new Upstream(id, config.host(), port, shared.traffic().of(id));
        ready.complete(null);
        shared.settled().accept(id);
        shared.routesChanged().run();
      } else if (now.isAfter(deadline)) {
        startTimedOut = true;
        reason = RestartPolicy.notReadyWithin(config.startTimeout());
        moveTo(WorkerState.STOPPING, now, reason);
        attempt.kill();
      } else {
        scheduler.schedule(() -> probe(attempt, deadline), PROBE_MILLIS, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void scheduleDrainCheck(WorkerProcess draining, Instant deadline) {
    pending =
        scheduler.schedule(
            () -> checkDrained(draining, deadline), PROBE_MILLIS, TimeUnit.MILLISECONDS);
  }

  private synchronized void checkDrained(WorkerProcess draining, Instant deadline) {
    if (process != draining || state != WorkerState.DRAINING) {
      return;
    }
    Upstream target = upstream;
    boolean idle = target == null || target.inFlight() == 0;
    if (idle || now().isAfter(deadline)) {
      moveTo(
          WorkerState.STOPPING,
          now(),
          idle ? "drained" : "drain timeout, " + target.inFlight() + " in flight");
      draining.stop();
    } else {
      scheduleDrainCheck(draining, deadline);
    }
  }

  /** The process ended: the restart policy says what that means (R4). */
  private synchronized void exited(WorkerProcess ended, ExitStatus status) {
    if (process != ended) {
      return;
    }
    shared.launcher().forget(id, ended);
    lastExit = status;
    Instant now = now();
    RestartPolicy.Phase phase = phaseAtExit();
    if (phase == null) {
      LOG.log(Level.FINE, "Worker {0} exit in state {1}", new Object[] {id, state});
    } else {
      Duration readyFor =
          phase == RestartPolicy.Phase.READY ? Duration.between(readyAt, now) : Duration.ZERO;
      RestartPolicy.Verdict verdict =
          shared
              .policy()
              .decide(
                  new RestartPolicy.Exit(
                      phase, status, Duration.between(ended.startedAt(), now), readyFor),
                  now,
                  history);
      if (verdict.next() != WorkerState.STOPPED) {
        reason = verdict.reason();
      }
      moveTo(verdict.next(), now, verdict.reason());
      if (verdict.next() == WorkerState.FAILED) {
        shared.settled().accept(id);
      } else if (verdict.next() == WorkerState.BACKOFF) {
        pending =
            scheduler.schedule(
                this::restartAfterBackoff, verdict.delay().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    shared.routesChanged().run();
  }

  private RestartPolicy.Phase phaseAtExit() {
    return switch (state) {
      case STOPPING ->
          startTimedOut ? RestartPolicy.Phase.NOT_READY_IN_TIME : RestartPolicy.Phase.STOPPING;
      case DRAINING -> RestartPolicy.Phase.DRAINING;
      case STARTING -> RestartPolicy.Phase.STARTING;
      case READY -> RestartPolicy.Phase.READY;
      default -> null; // no process of ours should end in a state without one
    };
  }

  private synchronized void restartAfterBackoff() {
    if (state == WorkerState.BACKOFF) {
      launch();
    }
  }

  private void cancelPending() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  // ---- state --------------------------------------------------------------------------------

  /** Moves to {@code next} if the lifecycle table allows it, and records the move. */
  private void moveTo(WorkerState next, Instant now, String why) {
    WorkerState previous = state;
    Lifecycle.check(previous, next);
    state = next;
    since = now;
    events.add(new WorkerEvent(now, previous, next, process == null ? -1 : process.pid(), why));
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
  }

  private Instant now() {
    return clock.instant();
  }
}

package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.config.SupervisorConfig;
import dev.fleetgate.supervisor.entity.ExitStatus;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.LogLine;
import dev.fleetgate.supervisor.entity.WorkerEvent;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import dev.fleetgate.supervisor.routing.RoutingTable;
import dev.fleetgate.supervisor.routing.Upstream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The workers and everything that happens to them: start, readiness, crash and backoff, stop,
 * drain, scale, rolling restart (R1–R9). Plain Java so it can be tested with real processes and no
 * container; the {@code Supervisor} EJB hands it the container's threads and its configuration.
 * Operations return futures that complete when the operation has taken effect.
 *
 * <p>Locks, always taken in this order: the fleet (membership: scale, rolling restart), one worker
 * (its state), the routing table (publication). Nothing on the request path takes any.
 */
public final class Fleet {
  private static final Logger LOG = Logger.getLogger(Fleet.class.getName());
  private static final long PROBE_MILLIS = 50;

  private final SupervisorConfig config;
  private final List<String> command;
  private final StateDirectory stateDir;
  private final RoutingTable routing;
  private final ScheduledExecutorService scheduler;
  private final ThreadFactory readers;
  private final Clock clock;
  private final ReadinessProbe probe;
  private final Map<Integer, Worker> workers = new ConcurrentSkipListMap<>();
  private final Map<Integer, Boolean> initialSettled = new ConcurrentHashMap<>();
  private volatile int desired;
  private volatile Instant lastTick;
  private Instant lastMemoryCheck = Instant.EPOCH;

  public Fleet(
      SupervisorConfig config,
      List<String> command,
      StateDirectory stateDir,
      RoutingTable routing,
      ScheduledExecutorService scheduler,
      ThreadFactory readers,
      Clock clock) {
    this.config = config;
    this.command = List.copyOf(command);
    this.stateDir = stateDir;
    this.routing = routing;
    this.scheduler = scheduler;
    this.readers = readers;
    this.clock = clock;
    this.probe = new ReadinessProbe(config.readyPath());
    this.lastTick = clock.instant();
  }

  // ---- operations ---------------------------------------------------------------------------

  /** Cleans up after a crashed earlier run, then starts the configured number of workers. */
  public synchronized void startInitial() {
    stateDir.killLeftovers();
    desired = config.count();
    for (int id = 0; id < config.count(); id++) {
      initialSettled.put(id, false);
      start(add(id));
    }
    scheduler.scheduleWithFixedDelay(this::tick, 2, 2, TimeUnit.SECONDS);
  }

  /** Starts a worker that is stopped, failed or waiting in backoff; resets its crash history. */
  public CompletableFuture<Void> start(int id) {
    Worker worker = existing(id);
    synchronized (worker) {
      if (worker.state().hasProcess()) {
        return worker.ready;
      }
      worker.crashGuard.reset();
      worker.backoff.reset();
      return start(worker);
    }
  }

  /** Stops a worker without draining: SIGTERM, grace period, SIGKILL for its process tree. */
  public CompletableFuture<Void> stop(int id) {
    Worker worker = existing(id);
    synchronized (worker) {
      switch (worker.state()) {
        case READY, STARTING -> {
          worker.moveTo(WorkerState.STOPPING, clock.instant(), "stop requested");
          publishRoutes();
          worker.process.stop();
        }
        case BACKOFF, FAILED -> {
          cancelPending(worker);
          worker.moveTo(WorkerState.STOPPED, clock.instant(), "stop requested");
        }
        default -> {
          // DRAINING and STOPPING are already on their way to STOPPED.
        }
      }
      return worker.stopped;
    }
  }

  /** No new requests for the worker; once its in-flight requests finished, it stops. */
  public CompletableFuture<Void> drain(int id) {
    Worker worker = existing(id);
    synchronized (worker) {
      if (worker.state() != WorkerState.READY) {
        return stop(id);
      }
      worker.moveTo(WorkerState.DRAINING, clock.instant(), "drain requested");
      publishRoutes();
      Instant deadline = clock.instant().plus(config.drainTimeout());
      scheduleDrainCheck(worker, worker.process, deadline);
      return worker.stopped;
    }
  }

  /** Drains and stops the worker if it runs, then starts it again with a clean crash history. */
  public CompletableFuture<Void> restart(int id) {
    return drain(id).thenComposeAsync(stopped -> start(id), scheduler);
  }

  /** Starts or drains workers until {@code count} are configured (new ones take the lowest ids). */
  public synchronized CompletableFuture<Void> scale(int count) {
    if (count < 0 || count > SupervisorConfig.MAX_WORKERS) {
      throw new IllegalArgumentException(
          "scale to " + count + ": must be between 0 and " + SupervisorConfig.MAX_WORKERS);
    }
    desired = count;
    CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    int present = workers.size();
    for (int i = present; i < count; i++) {
      done = CompletableFuture.allOf(done, start(add(lowestFreeId())));
    }
    List<Integer> highestFirst =
        workers.keySet().stream()
            .sorted((a, b) -> b - a)
            .limit(Math.max(0, present - count))
            .toList();
    for (int id : highestFirst) {
      done = CompletableFuture.allOf(done, drain(id).thenRun(() -> workers.remove(id)));
    }
    return done;
  }

  /**
   * Replaces every worker one at a time: start a replacement on a free id, wait until it is ready,
   * drain the old one, stop it. The number of ready workers never drops below what it was.
   */
  public CompletableFuture<Void> rollingRestart() {
    List<Integer> old = List.copyOf(workers.keySet());
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (int oldId : old) {
      chain = chain.thenComposeAsync(previous -> replace(oldId), scheduler);
    }
    return chain;
  }

  private CompletableFuture<Void> replace(int oldId) {
    Worker replacement;
    synchronized (this) {
      replacement = add(lowestFreeId());
      start(replacement);
    }
    return replacement
        .ready
        .handle(
            (ok, failure) -> {
              if (failure != null) {
                stop(replacement.id).thenRun(() -> workers.remove(replacement.id));
                throw new IllegalStateException(
                    "rolling restart stopped: replacement worker "
                        + replacement.id
                        + " did not become ready, worker "
                        + oldId
                        + " kept",
                    failure);
              }
              return ok;
            })
        .thenComposeAsync(ready -> drain(oldId), scheduler)
        .thenRun(() -> workers.remove(oldId));
  }

  /** Stops every worker (in parallel) and waits for them, bounded by the stop grace period. */
  public void shutdown() {
    List<CompletableFuture<Void>> stops = workers.keySet().stream().map(id -> stop(id)).toList();
    try {
      CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
          .get(config.stopGrace().toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Not every worker stopped in time: {0}", e.toString());
    }
    workers.values().forEach(w -> w.logFile.close());
  }

  // ---- queries ------------------------------------------------------------------------------

  public FleetSnapshot snapshot() {
    List<WorkerSnapshot> list =
        workers.values().stream()
            .map(
                w -> {
                  synchronized (w) {
                    return w.snapshot(command);
                  }
                })
            .toList();
    return new FleetSnapshot(list, desired, initialStartDone(), clock.instant());
  }

  /** The worker's last state changes, oldest first. */
  public List<WorkerEvent> events(int id) {
    Worker worker = existing(id);
    synchronized (worker) {
      return worker.events();
    }
  }

  /** The environment a worker's process gets on top of the server's own. */
  public Map<String, String> environment(int id) {
    Worker worker = existing(id);
    return new TreeMap<>(environmentOf(worker));
  }

  public List<LogLine> recentLog(int id) {
    return existing(id).logTail.lines();
  }

  /** When the supervisor's periodic task last ran; liveness says DOWN if it stops running. */
  public Instant lastTick() {
    return lastTick;
  }

  public boolean initialStartDone() {
    return !initialSettled.containsValue(false);
  }

  // ---- the life of one worker ---------------------------------------------------------------

  private Worker existing(int id) {
    Worker worker = workers.get(id);
    if (worker == null) {
      throw new NoSuchElementException("no worker " + id);
    }
    return worker;
  }

  private synchronized Worker add(int id) {
    Worker worker =
        new Worker(
            id,
            config.portOf(id),
            new Backoff(
                config.backoffInitial(),
                config.backoffMultiplier(),
                config.backoffMax(),
                config.backoffResetAfter()),
            new CrashLoopGuard(config.maxFailedStarts(), config.crashWindow()),
            new LogTail(config.logLines()),
            new RotatingLogFile(
                config.logDir().resolve("worker-" + id + ".log"),
                config.logMaxSize(),
                config.logMaxFiles()),
            clock.instant());
    workers.put(id, worker);
    return worker;
  }

  private synchronized int lowestFreeId() {
    int id = 0;
    while (workers.containsKey(id)) {
      id++;
    }
    return id;
  }

  /** Launches a process for the worker; the caller holds no lock or the worker's. */
  private CompletableFuture<Void> start(Worker worker) {
    synchronized (worker) {
      cancelPending(worker);
      Instant now = clock.instant();
      worker.startTimedOut = false;
      worker.reason = null;
      worker.process = null;
      worker.moveTo(WorkerState.STARTING, now, worker.starts == 0 ? null : "start");
      worker.starts++;
      if (!ReadinessProbe.portFree(config.host(), worker.port)) {
        worker.reason = "port " + worker.port + " is already in use by another process";
        worker.moveTo(WorkerState.FAILED, now, worker.reason);
        settle(worker);
        return worker.ready;
      }
      try {
        WorkerProcess process =
            WorkerProcess.start(launchFor(worker), readers, scheduler, clock, worker::output);
        worker.process = process;
        process.pidReported().thenAccept(pid -> recordPid(worker, process, pid));
        process.exited().thenAcceptAsync(status -> onExit(worker, process, status), scheduler);
        Instant deadline = now.plus(config.startTimeout());
        scheduler.schedule(() -> probe(worker, process, deadline), 0, TimeUnit.MILLISECONDS);
      } catch (IOException | RuntimeException e) {
        worker.reason = "cannot start " + command.get(0) + ": " + e.getMessage();
        worker.moveTo(WorkerState.FAILED, now, worker.reason);
        settle(worker);
      }
      return worker.ready;
    }
  }

  private Map<String, String> environmentOf(Worker worker) {
    Map<String, String> env = new HashMap<>(config.environment());
    env.put("PORT", Integer.toString(worker.port));
    env.put("WORKER_ID", Integer.toString(worker.id));
    env.put("HOST", config.host());
    return env;
  }

  private WorkerProcess.Launch launchFor(Worker worker) {
    return new WorkerProcess.Launch(
        stateDir.extract(Fleet.class, "worker-guard.sh"),
        command,
        config.directory(),
        environmentOf(worker),
        config.stopGrace(),
        config.orphanGrace());
  }

  private void recordPid(Worker worker, WorkerProcess process, long pid) {
    if (pid > 0 && process.alive()) {
      stateDir.recordRunning(worker.id, pid);
    }
  }

  /** Polls the starting worker until it is ready, exits, or runs out of time (R2). */
  private void probe(Worker worker, WorkerProcess process, Instant deadline) {
    synchronized (worker) {
      if (worker.process != process || worker.state() != WorkerState.STARTING) {
        return;
      }
    }
    boolean ready = probe.ready(config.host(), worker.port);
    synchronized (worker) {
      if (worker.process != process || worker.state() != WorkerState.STARTING) {
        return;
      }
      Instant now = clock.instant();
      if (ready) {
        worker.backoff.reset();
        worker.becomeReady(
            new Upstream(worker.id, config.host(), worker.port, routing.traffic().of(worker.id)),
            now);
        settle(worker);
        publishRoutes();
      } else if (now.isAfter(deadline)) {
        worker.startTimedOut = true;
        worker.reason = "not ready within " + config.startTimeout().toMillis() + " ms";
        worker.moveTo(WorkerState.STOPPING, now, worker.reason);
        process.kill();
      } else {
        scheduler.schedule(
            () -> probe(worker, process, deadline), PROBE_MILLIS, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void scheduleDrainCheck(Worker worker, WorkerProcess process, Instant deadline) {
    worker.pending =
        scheduler.schedule(
            () -> {
              synchronized (worker) {
                if (worker.process != process || worker.state() != WorkerState.DRAINING) {
                  return;
                }
                Upstream target = worker.upstream();
                boolean idle = target == null || target.inFlight() == 0;
                if (idle || clock.instant().isAfter(deadline)) {
                  worker.moveTo(
                      WorkerState.STOPPING,
                      clock.instant(),
                      idle ? "drained" : "drain timeout, " + target.inFlight() + " in flight");
                  process.stop();
                } else {
                  scheduleDrainCheck(worker, process, deadline);
                }
              }
            },
            PROBE_MILLIS,
            TimeUnit.MILLISECONDS);
  }

  /** The worker's process ended: expected (stop, drain) or not (crash, failed start) (R4). */
  private void onExit(Worker worker, WorkerProcess process, ExitStatus status) {
    synchronized (worker) {
      if (worker.process != process) {
        return;
      }
      stateDir.forgetRunning(worker.id, process.pid());
      worker.lastExit = status;
      Instant now = clock.instant();
      switch (worker.state()) {
        case STOPPING -> {
          if (worker.startTimedOut) {
            failedStart(worker, now, worker.reason);
          } else {
            worker.moveTo(WorkerState.STOPPED, now, status.toString());
          }
        }
        case DRAINING ->
            worker.moveTo(WorkerState.STOPPED, now, "exited while draining, " + status);
        case STARTING -> failedStart(worker, now, "exited before ready, " + status);
        case READY -> {
          Duration uptime = Duration.between(worker.readyAt, now);
          if (uptime.compareTo(config.minUptime()) < 0) {
            failedStart(worker, now, "exited " + uptime.toMillis() + " ms after ready, " + status);
          } else {
            backoff(worker, now, Duration.between(process.startedAt(), now), "exited, " + status);
          }
        }
        default ->
            LOG.log(
                Level.FINE,
                "Worker {0} exit in state {1}",
                new Object[] {worker.id, worker.state()});
      }
      publishRoutes();
    }
  }

  private void failedStart(Worker worker, Instant now, String why) {
    if (worker.crashGuard.recordFailure(now)) {
      worker.reason =
          worker.crashGuard.recentFailures()
              + " failed starts within "
              + config.crashWindow().toSeconds()
              + " s (last: "
              + why
              + "); start it again from the console";
      worker.moveTo(WorkerState.FAILED, now, worker.reason);
      settle(worker);
    } else {
      backoff(worker, now, Duration.ZERO, why);
    }
  }

  private void backoff(Worker worker, Instant now, Duration uptime, String why) {
    Duration delay = worker.backoff.delayAfter(uptime);
    worker.reason = why + "; restart in " + delay.toMillis() + " ms";
    worker.moveTo(WorkerState.BACKOFF, now, worker.reason);
    worker.pending =
        scheduler.schedule(
            () -> {
              synchronized (worker) {
                if (worker.state() == WorkerState.BACKOFF) {
                  start(worker);
                }
              }
            },
            delay.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private void cancelPending(Worker worker) {
    if (worker.pending != null) {
      worker.pending.cancel(false);
      worker.pending = null;
    }
  }

  private void settle(Worker worker) {
    initialSettled.replace(worker.id, true);
  }

  // ---- routing ------------------------------------------------------------------------------

  /** Publishes the READY workers as the proxy's new immutable routes (R9). */
  private void publishRoutes() {
    synchronized (routing) {
      routing.publish(
          workers.values().stream()
              .filter(w -> w.state() == WorkerState.READY && w.upstream() != null)
              .map(Worker::upstream)
              .toList());
    }
  }

  // ---- periodic work ------------------------------------------------------------------------

  /** Every 2 s: memory figures, the memory limit (R8), and the liveness heartbeat. */
  private void tick() {
    try {
      Instant now = clock.instant();
      boolean checkLimit =
          config.memoryLimitBytes() > 0
              && !now.isBefore(lastMemoryCheck.plus(config.memoryCheckInterval()));
      for (Worker worker : workers.values()) {
        long pid;
        synchronized (worker) {
          pid = worker.state().hasProcess() ? worker.pid() : -1;
        }
        long rss = pid > 0 ? ProcessTree.residentBytes(pid) : -1;
        long ticks = pid > 0 ? ProcessTree.cpuTicks(pid) : -1;
        synchronized (worker) {
          worker.residentBytes = rss;
          worker.cpuPercent = cpuPercent(worker.cpuTicks, worker.cpuSampledAt, ticks, now);
          worker.cpuTicks = ticks;
          worker.cpuSampledAt = now;
        }
        if (checkLimit && rss > config.memoryLimitBytes() && worker.state() == WorkerState.READY) {
          LOG.log(
              Level.WARNING,
              "Worker {0} (pid {1}) uses {2} bytes, over fleetgate.workers.memory-limit: restarting",
              new Object[] {worker.id, Long.toString(pid), Long.toString(rss)});
          restart(worker.id);
        }
      }
      if (checkLimit) {
        lastMemoryCheck = now;
      }
      lastTick = now;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Supervisor periodic task failed", e);
    }
  }

  /** Percent of one core between two samples of a process tree's CPU ticks (100 per second). */
  static double cpuPercent(long ticksBefore, Instant before, long ticksNow, Instant now) {
    if (ticksBefore < 0 || ticksNow < ticksBefore || before == null) {
      return -1;
    }
    long millis = Duration.between(before, now).toMillis();
    return millis <= 0 ? -1 : (ticksNow - ticksBefore) * 10.0 * 100.0 / millis;
  }

  Set<Integer> ids() {
    return workers.keySet();
  }
}

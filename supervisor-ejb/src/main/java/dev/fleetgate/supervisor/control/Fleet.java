package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.config.SupervisorConfig;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.LogLine;
import dev.fleetgate.supervisor.entity.WorkerEvent;
import dev.fleetgate.supervisor.entity.WorkerName;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import dev.fleetgate.supervisor.routing.RoutingTable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fleet of workers (R1, R8, R9): who is in it, scale, rolling restart, the snapshot, and the
 * routes the proxy reads. Each {@link Worker} runs its own lifecycle; the {@link ResourceMonitor}
 * watches their memory and CPU. Plain Java so it can be tested with real processes and no
 * container; the {@code Supervisor} EJB hands it the container's threads and its configuration.
 * Operations return futures that complete when the operation has taken effect.
 *
 * <p>Locks, always taken in this order: the fleet (membership: scale, rolling restart), one worker
 * (its state), the routing table (publication). Nothing on the request path takes any.
 */
public final class Fleet {
  private static final Logger LOG = Logger.getLogger(Fleet.class.getName());

  private volatile SupervisorConfig config;
  private volatile List<String> command;
  private final RoutingTable routing;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final WorkerLauncher launcher;
  private final StateDirectory stateDir;
  private final ThreadFactory readers;
  private final ResourceMonitor resources;
  private volatile Worker.Shared shared;
  private final Map<Integer, Worker> workers = new ConcurrentSkipListMap<>();
  private final Map<Integer, Boolean> initialSettled = new ConcurrentHashMap<>();
  private final AtomicLong lineNumbers = new AtomicLong();
  private volatile int desired;
  private volatile Instant lastTick;
  private volatile ScheduledFuture<?> ticks;

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
    this.routing = routing;
    this.scheduler = scheduler;
    this.clock = clock;
    this.stateDir = stateDir;
    this.readers = readers;
    this.launcher = new WorkerLauncher(config, command, stateDir, readers, scheduler, clock);
    this.resources = new ResourceMonitor(config.memoryLimitBytes(), config.memoryCheckInterval());
    this.shared = shared(config, launcher);
    this.lastTick = clock.instant();
  }

  private Worker.Shared shared(SupervisorConfig config, WorkerLauncher launcher) {
    return new Worker.Shared(
        config,
        launcher,
        new ReadinessProbe(config.readyPath()),
        RestartPolicy.of(config),
        routing.traffic(),
        scheduler,
        clock,
        this::publishRoutes,
        id -> initialSettled.replace(id, true),
        lineNumbers::incrementAndGet);
  }

  /**
   * A reloaded configuration (R11): workers started from now on get it; if what a worker is started
   * with changed (command, directory, environment, host, ports, readiness), the workers running are
   * replaced one at a time as in {@link #rollingRestart()}, each replacement ready before the old
   * one drains; a new count scales.
   *
   * @return the ids of the workers being replaced (none when what they are started with is the
   *     same); the replacement goes on after the return, and a failure of it is logged
   * @throws IllegalArgumentException when the state directory would change, which needs a restart
   */
  public synchronized List<Integer> reconfigure(SupervisorConfig next, List<String> nextCommand) {
    if (!next.stateDir().equals(config.stateDir())) {
      throw new IllegalArgumentException(
          "fleetgate.state-dir cannot change while the server runs (restart it)");
    }
    boolean relaunch = !launchOf(config, command).equals(launchOf(next, nextCommand));
    List<Integer> running = relaunch ? List.copyOf(workers.keySet()) : List.of();
    config = next;
    command = List.copyOf(nextCommand);
    shared =
        shared(next, new WorkerLauncher(next, nextCommand, stateDir, readers, scheduler, clock));
    CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    if (next.count() != desired) {
      done = scale(next.count());
    }
    List<Integer> toReplace = running.stream().filter(workers::containsKey).toList();
    if (!toReplace.isEmpty()) {
      LOG.log(Level.INFO, "Configuration reloaded: replacing workers {0} one at a time", toReplace);
      done = done.thenComposeAsync(scaled -> replaceInTurn(toReplace), scheduler);
    }
    done.whenComplete(
        (ok, failure) -> {
          if (failure != null) {
            LOG.log(Level.WARNING, "After the reload: {0}", failure.getMessage());
          }
        });
    return toReplace;
  }

  /** What a worker is started with: a change to any of it means new processes. */
  private static List<Object> launchOf(SupervisorConfig config, List<String> command) {
    return List.of(
        command,
        config.directory(),
        config.environment(),
        config.host(),
        config.basePort(),
        config.readyPath(),
        config.startTimeout(),
        config.logDir());
  }

  // ---- operations ---------------------------------------------------------------------------

  /**
   * Starts the configured number of workers. The server first cleans up after a crashed earlier
   * run, once for all apps ({@link StateDirectory#killLeftovers}).
   */
  public synchronized void startInitial() {
    desired = config.count();
    for (int id = 0; id < config.count(); id++) {
      initialSettled.put(id, false);
      add(id).start();
    }
    ticks = scheduler.scheduleWithFixedDelay(this::tick, 2, 2, TimeUnit.SECONDS);
  }

  /**
   * Starts a worker that is stopped, failed or waiting in backoff; resets its crash history. A
   * worker starting or ready is left as it is; one on its way down (draining, stopping) is refused
   * with {@link IllegalStateException}: its finished start would be reported as done.
   */
  public CompletableFuture<Void> start(int id) {
    Worker worker = existing(id);
    WorkerState state = worker.state();
    if (state == WorkerState.DRAINING || state == WorkerState.STOPPING) {
      throw new IllegalStateException(
          "worker " + WorkerName.of(app(), id) + " is " + state + ": start it once it has stopped");
    }
    return worker.start();
  }

  /** Stops a worker without draining: SIGTERM, grace period, SIGKILL for its process tree. */
  public CompletableFuture<Void> stop(int id) {
    return existing(id).stop();
  }

  /** No new requests for the worker; once its in-flight requests finished, it stops. */
  public CompletableFuture<Void> drain(int id) {
    return existing(id).drain();
  }

  /** Drains and stops the worker if it runs, then starts it again with a clean crash history. */
  public CompletableFuture<Void> restart(int id) {
    // By id again once drained: a worker scaled away meanwhile is not brought back.
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
      done = CompletableFuture.allOf(done, add(lowestFreeId()).start());
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
    return replaceInTurn(List.copyOf(workers.keySet()));
  }

  private CompletableFuture<Void> replaceInTurn(List<Integer> old) {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (int oldId : old) {
      chain = chain.thenComposeAsync(previous -> replace(oldId), scheduler);
    }
    return chain;
  }

  private CompletableFuture<Void> replace(int oldId) {
    Worker replacement;
    CompletableFuture<Void> ready;
    synchronized (this) {
      replacement = add(lowestFreeId());
      ready = replacement.start();
    }
    return ready
        .handle(
            (ok, failure) -> {
              if (failure != null) {
                stop(replacement.id).thenRun(() -> workers.remove(replacement.id));
                throw new IllegalStateException(
                    "rolling restart stopped: replacement worker "
                        + WorkerName.of(app(), replacement.id)
                        + " did not become ready, worker "
                        + WorkerName.of(app(), oldId)
                        + " kept",
                    failure);
              }
              return ok;
            })
        .thenComposeAsync(isReady -> drain(oldId), scheduler)
        .thenRun(() -> workers.remove(oldId));
  }

  /** The app these workers belong to. */
  public String app() {
    return config.app();
  }

  /** The configuration in force (the last reloaded one). */
  public SupervisorConfig config() {
    return config;
  }

  /** Stops every worker (in parallel) and waits for them, bounded by the stop grace period. */
  public void shutdown() {
    if (ticks != null) {
      ticks.cancel(false);
    }
    List<CompletableFuture<Void>> stops = workers.keySet().stream().map(id -> stop(id)).toList();
    try {
      CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
          .get(config.stopGrace().toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Not every worker stopped in time: {0}", e.toString());
    }
    workers.values().forEach(w -> w.output.close());
  }

  // ---- queries ------------------------------------------------------------------------------

  public FleetSnapshot snapshot() {
    List<WorkerSnapshot> list =
        workers.values().stream().map(w -> w.snapshot(command, resources.usageOf(w))).toList();
    return new FleetSnapshot(list, desired, initialStartDone(), clock.instant());
  }

  /** The worker's last state changes, oldest first. */
  public List<WorkerEvent> events(int id) {
    return existing(id).events();
  }

  /** The environment a worker's process gets on top of the server's own. */
  public Map<String, String> environment(int id) {
    return new TreeMap<>(existing(id).environment());
  }

  public List<LogLine> recentLog(int id) {
    return existing(id).output.recent();
  }

  /** The worker's kept lines numbered above {@code number}, oldest first (see {@link LogEntry}). */
  public List<LogEntry> logAfter(int id, long number) {
    return existing(id).output.after(number);
  }

  /** When the supervisor's periodic task last ran; liveness says DOWN if it stops running. */
  public Instant lastTick() {
    return lastTick;
  }

  public boolean initialStartDone() {
    return !initialSettled.containsValue(false);
  }

  // ---- membership ---------------------------------------------------------------------------

  private Worker existing(int id) {
    Worker worker = workers.get(id);
    if (worker == null) {
      throw new NoSuchElementException("no worker " + WorkerName.of(app(), id));
    }
    return worker;
  }

  private synchronized Worker add(int id) {
    Worker worker = new Worker(id, shared);
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

  Set<Integer> ids() {
    return workers.keySet();
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

  /** Every 2 s: memory and CPU figures, the memory limit (R8), and the liveness heartbeat. */
  private void tick() {
    try {
      Instant now = clock.instant();
      for (Worker overLimit : resources.sample(workers.values(), now)) {
        restart(overLimit.id);
      }
      lastTick = now;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Supervisor periodic task failed", e);
    }
  }
}

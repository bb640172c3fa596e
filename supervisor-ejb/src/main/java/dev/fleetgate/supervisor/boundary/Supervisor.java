package dev.fleetgate.supervisor.boundary;

import dev.fleetgate.supervisor.boundary.OperationFailedException.Kind;
import dev.fleetgate.supervisor.config.ConfigCheck;
import dev.fleetgate.supervisor.config.ConfigFile;
import dev.fleetgate.supervisor.config.ConfigProblem;
import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import dev.fleetgate.supervisor.config.LayeredConfig;
import dev.fleetgate.supervisor.config.SupervisorConfig;
import dev.fleetgate.supervisor.control.Fleet;
import dev.fleetgate.supervisor.control.StateDirectory;
import dev.fleetgate.supervisor.control.WorkerCommand;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.LogLine;
import dev.fleetgate.supervisor.entity.TrafficSample;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerEvent;
import dev.fleetgate.supervisor.entity.WorkerName;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.reload.ReloadParticipant;
import dev.fleetgate.supervisor.routing.RoutingTable;
import dev.fleetgate.supervisor.shutdown.GracefulStop;
import dev.fleetgate.supervisor.shutdown.ServerSignals;
import dev.fleetgate.supervisor.startup.Standalone;
import dev.fleetgate.supervisor.traffic.PrometheusText;
import dev.fleetgate.supervisor.traffic.TrafficHistory;
import dev.fleetgate.supervisor.traffic.WorkerTraffic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Fleetgate's worker supervisor: starts the configured workers when the application starts, stops
 * them when it stops, and offers the operations the console and the proxy need. Bean-managed
 * concurrency: queries never wait behind an operation, and operations lock only the workers they
 * touch (see {@link Fleet}).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Supervisor {
  private static final Logger LOG = Logger.getLogger(Supervisor.class.getName());

  @Inject Config mpConfig;

  @Resource ManagedThreadFactory threads;

  /** How often the console's charts get a point, and how far back they reach. */
  private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(5);

  private static final Duration HISTORY_WINDOW = Duration.ofMinutes(15);

  /** One per app name ever configured: the proxy fetches an app's once and keeps it. */
  private final Map<String, RoutingTable> tables = new ConcurrentHashMap<>();

  private final List<ReloadParticipant> reloadParticipants = new CopyOnWriteArrayList<>();
  private final Object reloadLock = new Object();
  private final TrafficHistory history = new TrafficHistory(HISTORY_WINDOW, SAMPLE_INTERVAL);
  private StateDirectory stateDir;
  private ScheduledThreadPoolExecutor scheduler;

  /** The apps running now, in configuration order; replaced whole by a reload. */
  private volatile Map<String, Fleet> fleets = Map.of();

  // Lifecycle callbacks are named apart from the start(int)/stop(int) operations: the EJB
  // container finds callbacks by name and would otherwise call an operation without its argument.
  @PostConstruct
  void startWorkers() {
    try {
      List<SupervisorConfig> apps =
          SupervisorConfig.readApps(
              new ConfigValues(key -> mpConfig.getOptionalValue(key, String.class)),
              Runtime.getRuntime().availableProcessors());
      stateDir = StateDirectory.open(apps.get(0).stateDir());
      // The container's thread factory, our own small pool: readiness probes must not queue
      // behind other applications' tasks in the shared default executor.
      scheduler = new ScheduledThreadPoolExecutor(2, threads);
      scheduler.setRemoveOnCancelPolicy(true);
      stateDir.killLeftovers(); // once for all apps, before any starts
      Map<String, Fleet> started = new LinkedHashMap<>();
      for (SupervisorConfig app : apps) {
        Fleet fleet = fleetOf(app);
        started.put(app.app(), fleet);
        fleets = Map.copyOf(started);
        fleet.startInitial();
      }
      fleets = Collections.unmodifiableMap(started);
      if (Standalone.requested()) {
        ServerSignals.install(
            this::beginStop, new GracefulStop(this::inFlight, maxDrainTimeout()), this::reload);
      }
      scheduler.scheduleAtFixedRate(
          this::sampleTraffic,
          SAMPLE_INTERVAL.toMillis(),
          SAMPLE_INTERVAL.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (InvalidConfigurationException | IllegalStateException e) {
      LOG.log(Level.SEVERE, "Fleetgate cannot start: {0}", e.getMessage());
      stopWorkers();
      throw e;
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "Fleetgate cannot start: {0}", e.toString());
      stopWorkers();
      throw new UncheckedIOException(e);
    }
  }

  private Fleet fleetOf(SupervisorConfig config) {
    LOG.log(
        Level.INFO,
        "Fleetgate starting app {0}: {1} workers: {2} (ports {3}, state in {4})",
        new Object[] {
          config.app(),
          config.count(),
          String.join(" ", config.command()),
          config.ports(),
          config.stateDir()
        });
    return new Fleet(
        config,
        WorkerCommand.expand(config.command(), stateDir),
        stateDir,
        routingTable(config.app()),
        scheduler,
        threads,
        Clock.systemUTC());
  }

  @PreDestroy
  void stopWorkers() {
    // Apps stop side by side: each waits for its own workers' stop grace at most.
    fleets.values().parallelStream().forEach(Fleet::shutdown);
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (stateDir != null) {
      stateDir.close();
    }
  }

  private void beginStop() {
    tables.values().forEach(RoutingTable::beginStop);
  }

  private int inFlight() {
    return tables.values().stream().mapToInt(RoutingTable::inFlight).sum();
  }

  private Duration maxDrainTimeout() {
    return fleets.values().stream()
        .map(f -> f.config().drainTimeout())
        .max(Duration::compareTo)
        .orElse(Duration.ZERO);
  }

  /**
   * Reads the configuration again and applies it (reload R1–R3): checked whole first, then the
   * proxy's settings for the requests that start afterwards, then the workers of each app (replaced
   * one at a time when what they are started with changed, scaled when the count did). An app new
   * to the configuration starts; an app gone from it drains and stops; the others are not touched.
   *
   * @return one line on what changed, for the log, the CLI and the console
   * @throws OperationFailedException ({@link Kind#INVALID_ARGUMENT}) when the new configuration has
   *     problems, every one named; nothing changed
   */
  public String reload() {
    synchronized (reloadLock) {
      ClassLoader loader = Supervisor.class.getClassLoader();
      Map<String, String> systemProperties = new HashMap<>();
      System.getProperties()
          .stringPropertyNames()
          .forEach(name -> systemProperties.put(name, System.getProperty(name)));
      Map<String, String> environment = System.getenv();
      Map<String, String> defaults = ConfigCheck.shippedDefaults(loader);
      ConfigFile file = ConfigFile.locate(systemProperties::get, environment::get);
      LayeredConfig view = new LayeredConfig(defaults, file, systemProperties, environment);
      List<ConfigProblem> problems =
          ConfigCheck.problems(view, file, ConfigCheck.rules(loader, false), defaults);
      if (!problems.isEmpty()) {
        throw refused(ConfigCheck.report(problems));
      }
      ConfigValues values = new ConfigValues(view::value);
      List<SupervisorConfig> next;
      List<Runnable> steps = new ArrayList<>();
      try {
        next = SupervisorConfig.readApps(values, Runtime.getRuntime().availableProcessors());
        for (ReloadParticipant participant : reloadParticipants) {
          steps.add(participant.prepare(values));
        }
      } catch (InvalidConfigurationException e) {
        throw refused(e.getMessage());
      }
      if (!next.get(0).stateDir().equals(stateDir.path())) {
        throw refused("fleetgate.state-dir cannot change while the server runs (restart it)");
      }
      Map<String, Fleet> running = fleets;
      Map<String, Fleet> kept = new LinkedHashMap<>();
      List<String> changes = new ArrayList<>();
      List<Fleet> added = new ArrayList<>();
      for (SupervisorConfig app : next) {
        Fleet fleet = running.get(app.app());
        if (fleet == null) {
          fleet = fleetOf(app);
          added.add(fleet);
          changes.add("app " + app.app() + " added");
        } else {
          List<Integer> replacing =
              fleet.reconfigure(app, WorkerCommand.expand(app.command(), stateDir));
          if (!replacing.isEmpty()) {
            changes.add("replacing " + app.app() + "'s workers " + replacing + " one at a time");
          }
        }
        kept.put(app.app(), fleet);
      }
      steps.forEach(Runnable::run); // the proxy routes by the new apps from here on
      fleets = Collections.unmodifiableMap(kept);
      added.forEach(Fleet::startInitial);
      running.forEach(
          (app, fleet) -> {
            if (!kept.containsKey(app)) {
              changes.add("app " + app + " removed");
              fleet
                  .scale(0)
                  .whenComplete(
                      (drained, failure) -> {
                        fleet.shutdown();
                        LOG.log(Level.INFO, "Fleetgate app {0} removed: its workers stopped", app);
                      });
            }
          });
      String summary =
          "configuration reloaded from "
              + file.sourceName()
              + ": "
              + next.stream()
                  .map(a -> (next.size() == 1 ? "" : a.app() + " ") + a.count() + " worker(s)")
                  .collect(Collectors.joining(", "))
              + (changes.isEmpty() ? "" : ", " + String.join(", ", changes));
      LOG.info("Fleetgate " + summary);
      return summary;
    }
  }

  private static OperationFailedException refused(String problems) {
    LOG.log(Level.SEVERE, "Reload refused, the running configuration stays: {0}", problems);
    return new OperationFailedException(
        Kind.INVALID_ARGUMENT,
        "reload refused, the running configuration stays: " + problems,
        null);
  }

  /** Registers a part that takes reloaded configurations (the proxy does, at its start). */
  public void onReload(ReloadParticipant participant) {
    reloadParticipants.add(participant);
  }

  // ---- queries: no lock, safe from any thread ------------------------------------------------

  /**
   * The routing table of {@code app}, which the proxy reads on each request: fetch it once, keep
   * it. It exists for any name, configured or not, and lives as long as the server.
   */
  public RoutingTable routingTable(String app) {
    return tables.computeIfAbsent(app, RoutingTable::new);
  }

  /** The apps running now, in configuration order. */
  public List<String> apps() {
    return List.copyOf(fleets.keySet());
  }

  /**
   * The app meant when none is named: {@value WorkerName#DEFAULT_APP} when it runs, else the first.
   */
  public String defaultApp() {
    Map<String, Fleet> now = fleets;
    return now.containsKey(WorkerName.DEFAULT_APP) || now.isEmpty()
        ? WorkerName.DEFAULT_APP
        : now.keySet().iterator().next();
  }

  /** Every app's workers, app by app in configuration order, each by id. */
  public FleetSnapshot snapshot() {
    List<WorkerSnapshot> workers = new ArrayList<>();
    int desired = 0;
    boolean initialStartDone = true;
    for (Fleet fleet : fleets.values()) {
      FleetSnapshot app = fleet.snapshot();
      workers.addAll(app.workers());
      desired += app.desired();
      initialStartDone &= app.initialStartDone();
    }
    return new FleetSnapshot(workers, desired, initialStartDone, Instant.now());
  }

  /**
   * @throws NoSuchElementException when no app has that name (so do the queries below)
   */
  public FleetSnapshot snapshot(String app) {
    return known(app).snapshot();
  }

  public List<LogLine> recentLog(String app, int workerId) {
    return known(app).recentLog(workerId);
  }

  /**
   * The worker's kept output lines numbered above {@code number}, oldest first: all of them for 0.
   * A reader that passes the last number it got reads each new line once ({@link LogEntry}).
   *
   * @throws NoSuchElementException when there is no such worker (any more)
   */
  public List<LogEntry> logAfter(String app, int workerId, long number) {
    return known(app).logAfter(workerId, number);
  }

  /** The worker's last state changes (up to 100), oldest first. */
  public List<WorkerEvent> events(String app, int workerId) {
    return known(app).events(workerId);
  }

  /** What the worker's process gets in its environment on top of the server's own, by name. */
  public Map<String, String> environment(String app, int workerId) {
    return known(app).environment(workerId);
  }

  /** Every running app's workers' traffic since the server started, app by app, by worker id. */
  public List<TrafficSnapshot> traffic() {
    return allTraffic().stream().map(WorkerTraffic::snapshot).toList();
  }

  private List<WorkerTraffic> allTraffic() {
    List<WorkerTraffic> all = new ArrayList<>();
    for (String app : fleets.keySet()) {
      all.addAll(routingTable(app).traffic().all());
    }
    return all;
  }

  /** One sample per worker every 5 s over the last 15 minutes, oldest first. */
  public List<TrafficSample> trafficHistory() {
    return history.samples();
  }

  /** The fleet and its traffic in the Prometheus text format ({@link PrometheusText}). */
  public String prometheusText() {
    return PrometheusText.of(snapshot(), allTraffic());
  }

  /** How many of {@code app}'s workers readiness requires ({@code min-ready}). */
  public int minReady(String app) {
    return known(app).config().minReady();
  }

  /**
   * Each running app, in configuration order, and whether it has at least its {@code min-ready}
   * workers READY: what readiness reports (one read of the apps, so a reload cannot remove one
   * between the question and the answer).
   */
  public Map<String, Boolean> appsReady() {
    Map<String, Boolean> ready = new LinkedHashMap<>();
    fleets.forEach(
        (app, fleet) -> ready.put(app, fleet.snapshot().readyCount() >= fleet.config().minReady()));
    return ready;
  }

  /** True once the server began its graceful stop: readiness says DOWN. */
  public boolean stopping() {
    return tables.values().stream().anyMatch(RoutingTable::stopping);
  }

  /** The oldest of the apps' last heartbeats: liveness says DOWN if any app's stops. */
  public Instant lastHeartbeat() {
    return fleets.values().stream()
        .map(Fleet::lastTick)
        .min(Instant::compareTo)
        .orElse(Instant.now());
  }

  private void sampleTraffic() {
    try {
      Map<String, Integer> restarts = new HashMap<>();
      snapshot().workers().forEach(w -> restarts.put(w.name(), w.restarts()));
      history.sample(Instant.now(), allTraffic(), restarts);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Sampling traffic failed", e);
    }
  }

  /**
   * @throws NoSuchElementException when no app has that name
   */
  private Fleet known(String app) {
    Fleet fleet = fleets.get(app);
    if (fleet == null) {
      throw new NoSuchElementException(
          "no app named " + app + " (apps: " + String.join(", ", fleets.keySet()) + ")");
    }
    return fleet;
  }

  /** {@link #known}, refused as an operation is ({@link Kind#NO_SUCH_WORKER}). */
  private Fleet operable(String app) {
    try {
      return known(app);
    } catch (NoSuchElementException e) {
      throw new OperationFailedException(Kind.NO_SUCH_WORKER, e.getMessage(), e);
    }
  }

  // ---- operations: each returns once it took effect, or throws OperationFailedException -------

  public void start(String app, int workerId) {
    Fleet fleet = operable(app);
    await(() -> fleet.start(workerId), startBound(fleet), "start worker " + name(app, workerId));
  }

  public void stop(String app, int workerId) {
    Fleet fleet = operable(app);
    await(() -> fleet.stop(workerId), stopBound(fleet), "stop worker " + name(app, workerId));
  }

  public void drain(String app, int workerId) {
    Fleet fleet = operable(app);
    await(() -> fleet.drain(workerId), stopBound(fleet), "drain worker " + name(app, workerId));
  }

  public void restart(String app, int workerId) {
    Fleet fleet = operable(app);
    await(
        () -> fleet.restart(workerId),
        stopBound(fleet).plus(startBound(fleet)),
        "restart worker " + name(app, workerId));
  }

  /**
   * Starts or drains {@code app}'s workers until {@code count} run; refused when their ports would
   * reach another app's.
   */
  public void scale(String app, int count) {
    Fleet fleet = operable(app);
    String what = (fleets.size() == 1 ? "" : app + ": ") + "scale to " + count;
    await(
        () -> {
          for (Fleet other : fleets.values()) {
            int otherCount = other.snapshot().desired();
            if (other != fleet && fleet.config().overlaps(count, other.config(), otherCount)) {
              throw new IllegalArgumentException(
                  count
                      + " workers of app "
                      + app
                      + " would listen on ports that app "
                      + other.app()
                      + " uses ("
                      + other.config().portOf(0)
                      + "-"
                      + other.config().portOf(otherCount)
                      + ")");
            }
          }
          return fleet.scale(count);
        },
        stopBound(fleet).plus(startBound(fleet)),
        what);
  }

  public void rollingRestart(String app) {
    Fleet fleet = operable(app);
    int workers = Math.max(1, fleet.snapshot().workers().size());
    await(
        fleet::rollingRestart,
        stopBound(fleet).plus(startBound(fleet)).multipliedBy(workers),
        (fleets.size() == 1 ? "" : app + ": ") + "rolling restart");
  }

  private static String name(String app, int workerId) {
    return WorkerName.of(app, workerId);
  }

  private static Duration startBound(Fleet fleet) {
    return fleet.config().startTimeout().plusSeconds(5);
  }

  private static Duration stopBound(Fleet fleet) {
    return fleet.config().drainTimeout().plus(fleet.config().stopGrace()).plusSeconds(5);
  }

  private static void await(
      Supplier<CompletableFuture<Void>> operation, Duration bound, String what) {
    try {
      operation.get().get(bound.toMillis(), TimeUnit.MILLISECONDS);
      LOG.log(Level.INFO, "Done: {0}", what);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
      throw new OperationFailedException(what + " failed: " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new OperationFailedException(
          what + " did not finish within " + bound.toSeconds() + " s", e);
    } catch (NoSuchElementException e) {
      throw refused(Kind.NO_SUCH_WORKER, what, e);
    } catch (IllegalArgumentException e) {
      throw refused(Kind.INVALID_ARGUMENT, what, e);
    } catch (IllegalStateException e) {
      throw refused(Kind.REFUSED, what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException(what + " interrupted", e);
    }
  }

  private static OperationFailedException refused(Kind kind, String what, RuntimeException e) {
    return new OperationFailedException(kind, what + " refused: " + e.getMessage(), e);
  }
}

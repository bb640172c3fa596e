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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
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

  private final RoutingTable routingTable = new RoutingTable();
  private final List<ReloadParticipant> reloadParticipants = new CopyOnWriteArrayList<>();
  private final Object reloadLock = new Object();
  private final TrafficHistory history = new TrafficHistory(HISTORY_WINDOW, SAMPLE_INTERVAL);
  private SupervisorConfig config;
  private StateDirectory stateDir;
  private ScheduledThreadPoolExecutor scheduler;
  private Fleet fleet;

  // Lifecycle callbacks are named apart from the start(int)/stop(int) operations: the EJB
  // container finds callbacks by name and would otherwise call an operation without its argument.
  @PostConstruct
  void startWorkers() {
    try {
      config =
          SupervisorConfig.read(
              new ConfigValues(key -> mpConfig.getOptionalValue(key, String.class)),
              Runtime.getRuntime().availableProcessors());
      stateDir = StateDirectory.open(config.stateDir());
      // The container's thread factory, our own small pool: readiness probes must not queue
      // behind other applications' tasks in the shared default executor.
      scheduler = new ScheduledThreadPoolExecutor(2, threads);
      scheduler.setRemoveOnCancelPolicy(true);
      fleet =
          new Fleet(
              config,
              WorkerCommand.expand(config.command(), stateDir),
              stateDir,
              routingTable,
              scheduler,
              threads,
              Clock.systemUTC());
      LOG.log(
          Level.INFO,
          "Fleetgate starting {0} workers: {1} (ports {2}-{3}, state in {4})",
          new Object[] {
            config.count(),
            String.join(" ", config.command()),
            Integer.toString(config.portOf(0)),
            Integer.toString(config.portOf(Math.max(0, config.count() - 1))),
            config.stateDir()
          });
      fleet.startInitial();
      if (Standalone.requested()) {
        ServerSignals.install(
            routingTable::beginStop,
            new GracefulStop(routingTable::inFlight, config.drainTimeout()),
            this::reload);
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

  @PreDestroy
  void stopWorkers() {
    if (fleet != null) {
      fleet.shutdown();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (stateDir != null) {
      stateDir.close();
    }
  }

  /**
   * Reads the configuration again and applies it (reload R1–R3): checked whole first, then the
   * proxy's settings for the requests that start afterwards, then the workers (replaced one at a
   * time when what they are started with changed, scaled when the count did).
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
      SupervisorConfig next;
      List<Runnable> steps = new ArrayList<>();
      try {
        next = SupervisorConfig.read(values, Runtime.getRuntime().availableProcessors());
        for (ReloadParticipant participant : reloadParticipants) {
          steps.add(participant.prepare(values));
        }
      } catch (InvalidConfigurationException e) {
        throw refused(e.getMessage());
      }
      List<Integer> replacing;
      try {
        replacing = fleet.reconfigure(next, WorkerCommand.expand(next.command(), stateDir));
      } catch (IllegalArgumentException e) {
        throw refused(e.getMessage());
      }
      steps.forEach(Runnable::run);
      config = next;
      String summary =
          "configuration reloaded from "
              + file.sourceName()
              + ": "
              + next.count()
              + " worker(s)"
              + (replacing.isEmpty() ? "" : ", replacing workers " + replacing + " one at a time");
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

  /** The routing table the proxy reads on each request; fetch it once, keep it. */
  public RoutingTable routingTable() {
    return routingTable;
  }

  public FleetSnapshot snapshot() {
    return fleet.snapshot();
  }

  public List<LogLine> recentLog(int workerId) {
    return fleet.recentLog(workerId);
  }

  /**
   * The worker's kept output lines numbered above {@code number}, oldest first: all of them for 0.
   * A reader that passes the last number it got reads each new line once ({@link LogEntry}).
   *
   * @throws NoSuchElementException when there is no such worker (any more)
   */
  public List<LogEntry> logAfter(int workerId, long number) {
    return fleet.logAfter(workerId, number);
  }

  /** The worker's last state changes (up to 100), oldest first. */
  public List<WorkerEvent> events(int workerId) {
    return fleet.events(workerId);
  }

  /** What the worker's process gets in its environment on top of the server's own, by name. */
  public Map<String, String> environment(int workerId) {
    return fleet.environment(workerId);
  }

  /** Every worker's traffic since the server started, by worker id. */
  public List<TrafficSnapshot> traffic() {
    return routingTable.traffic().all().stream().map(WorkerTraffic::snapshot).toList();
  }

  /** One sample per worker every 5 s over the last 15 minutes, oldest first. */
  public List<TrafficSample> trafficHistory() {
    return history.samples();
  }

  /** The fleet and its traffic in the Prometheus text format ({@link PrometheusText}). */
  public String prometheusText() {
    return PrometheusText.of(fleet.snapshot(), routingTable.traffic().all());
  }

  public int minReady() {
    return config.minReady();
  }

  public Instant lastHeartbeat() {
    return fleet.lastTick();
  }

  private void sampleTraffic() {
    try {
      Map<Integer, Integer> restarts =
          fleet.snapshot().workers().stream()
              .collect(
                  java.util.stream.Collectors.toMap(WorkerSnapshot::id, WorkerSnapshot::restarts));
      history.sample(Instant.now(), routingTable.traffic().all(), restarts);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Sampling traffic failed", e);
    }
  }

  // ---- operations: each returns once it took effect, or throws OperationFailedException -------

  public void start(int workerId) {
    await(() -> fleet.start(workerId), startBound(), "start worker " + workerId);
  }

  public void stop(int workerId) {
    await(() -> fleet.stop(workerId), stopBound(), "stop worker " + workerId);
  }

  public void drain(int workerId) {
    await(() -> fleet.drain(workerId), stopBound(), "drain worker " + workerId);
  }

  public void restart(int workerId) {
    await(
        () -> fleet.restart(workerId),
        stopBound().plus(startBound()),
        "restart worker " + workerId);
  }

  public void scale(int count) {
    await(() -> fleet.scale(count), stopBound().plus(startBound()), "scale to " + count);
  }

  public void rollingRestart() {
    int workers = Math.max(1, fleet.snapshot().workers().size());
    await(
        () -> fleet.rollingRestart(),
        stopBound().plus(startBound()).multipliedBy(workers),
        "rolling restart");
  }

  private Duration startBound() {
    return config.startTimeout().plusSeconds(5);
  }

  private Duration stopBound() {
    return config.drainTimeout().plus(config.stopGrace()).plusSeconds(5);
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

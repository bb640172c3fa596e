package dev.fleetgate.admin;

import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerName;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import java.time.Duration;
import java.time.Instant;

/**
 * One line of the overview's worker table, every value ready to print (R1).
 *
 * <p>A class with getters rather than a record: Jakarta Expression Language 5 (Jakarta EE 10) reads
 * JavaBean properties, not record accessors.
 */
public final class WorkerRow {

  private final String app;
  private final int id;
  private final String name;
  private final String pid;
  private final int port;
  private final String state;
  private final String badgeClass;
  private final String stateAge;
  private final String uptime;
  private final int restarts;
  private final String lastExit;
  private final String memory;
  private final String cpu;
  private final int inFlight;
  private final long requests;
  private final long errors;
  private final String p50;
  private final String p99;
  private final String reason;
  private final boolean running;
  private final String node;
  private final boolean nodeLost;

  private WorkerRow(
      WorkerSnapshot worker, TrafficSnapshot traffic, Instant now, String node, boolean nodeLost) {
    this.node = node;
    this.nodeLost = nodeLost;
    app = worker.app();
    id = worker.id();
    name = worker.name();
    pid = worker.pid() < 0 ? HumanFormat.NONE : Long.toString(worker.pid());
    port = worker.port();
    state = worker.state().name();
    badgeClass = badgeClass(worker.state());
    stateAge =
        worker.since() == null
            ? ""
            : "for " + HumanFormat.duration(Duration.between(worker.since(), now));
    uptime =
        worker.state().hasProcess() && worker.startedAt() != null
            ? HumanFormat.duration(Duration.between(worker.startedAt(), now))
            : HumanFormat.NONE;
    restarts = worker.restarts();
    lastExit = HumanFormat.exit(worker.lastExit(), now);
    memory = HumanFormat.bytes(worker.rssBytes());
    cpu = HumanFormat.percent(worker.cpuPercent());
    inFlight = worker.inFlight();
    requests = traffic == null ? 0 : traffic.requests();
    errors = traffic == null ? 0 : traffic.errors() + traffic.serverErrors();
    p50 = HumanFormat.millis(traffic == null ? Double.NaN : traffic.p50Millis());
    p99 = HumanFormat.millis(traffic == null ? Double.NaN : traffic.p99Millis());
    reason = worker.reason() == null ? "" : worker.reason();
    running = worker.state().hasProcess();
  }

  /**
   * The row for {@code worker}.
   *
   * @param now the moment durations are measured to: the snapshot's time, so one table is
   *     consistent
   */
  public static WorkerRow of(WorkerSnapshot worker, Instant now) {
    return new WorkerRow(worker, null, now, null, false);
  }

  /**
   * The row for {@code worker} with its traffic since the server started (R1.5).
   *
   * @param traffic the worker's counters, or null when the proxy has none for it yet
   */
  public static WorkerRow of(WorkerSnapshot worker, TrafficSnapshot traffic, Instant now) {
    return new WorkerRow(worker, traffic, now, null, false);
  }

  /**
   * The row for {@code worker} of cluster node {@code node} (R18), with its traffic.
   *
   * @param nodeLost true when the node is lost: the row is its last known state, without actions
   */
  public static WorkerRow onNode(
      WorkerSnapshot worker, TrafficSnapshot traffic, Instant now, String node, boolean nodeLost) {
    return new WorkerRow(worker, traffic, now, node, nodeLost);
  }

  /**
   * The badge's CSS classes for a state (R1.4): healthy, changing, idle, waiting or failed. The
   * switch has no default, so a new state does not compile until it has a tone.
   */
  static String badgeClass(WorkerState state) {
    String tone =
        switch (state) {
          case READY -> "ok";
          case STARTING, DRAINING, STOPPING -> "changing";
          case STOPPED -> "idle";
          case BACKOFF -> "waiting";
          case FAILED -> "failed";
        };
    return "fg-badge fg-badge-" + tone;
  }

  /** The worker's app. */
  public String getApp() {
    return app;
  }

  /** True in the default app, whose worker pages keep their address {@code worker.xhtml?id=N}. */
  public boolean isDefaultApp() {
    return WorkerName.DEFAULT_APP.equals(app);
  }

  /** The worker's id within its app. */
  public int getId() {
    return id;
  }

  /** {@code api/0}, or {@code 0} in the default app: how operators and the audit log name it. */
  public String getName() {
    return name;
  }

  /** The process id, or "–" without a process. */
  public String getPid() {
    return pid;
  }

  public int getPort() {
    return port;
  }

  public String getState() {
    return state;
  }

  public String getBadgeClass() {
    return badgeClass;
  }

  /** How long the worker has been in its state, e.g. "for 12 s"; empty when unknown. */
  public String getStateAge() {
    return stateAge;
  }

  public String getUptime() {
    return uptime;
  }

  public int getRestarts() {
    return restarts;
  }

  public String getLastExit() {
    return lastExit;
  }

  public String getMemory() {
    return memory;
  }

  /** CPU of its process tree in percent of one core, "12.5 %"; "–" when unknown. */
  public String getCpu() {
    return cpu;
  }

  public int getInFlight() {
    return inFlight;
  }

  /** Requests sent to it since the server started. */
  public long getRequests() {
    return requests;
  }

  /** Requests that failed on their way to it (connect, timeout, protocol) plus its 5xx answers. */
  public long getErrors() {
    return errors;
  }

  /** Median latency, "12 ms"; "–" before its first request. */
  public String getP50() {
    return p50;
  }

  /** 99th percentile latency; "–" before its first request. */
  public String getP99() {
    return p99;
  }

  /** True while it has a process: it can be stopped, drained or restarted, not started. */
  public boolean isRunning() {
    return running;
  }

  /** Why the worker is FAILED or in BACKOFF; empty otherwise. */
  public String getReason() {
    return reason;
  }

  /** The cluster node that runs the worker (R18); null outside a cluster. */
  public String getNode() {
    return node;
  }

  /** True when the worker's node is lost: the row shows its last known state (R18.1). */
  public boolean isNodeLost() {
    return nodeLost;
  }

  /** The table row's CSS classes: greyed when the node is lost (R18.1). */
  public String getRowClass() {
    return nodeLost ? "fg-worker-row fg-worker-lost" : "fg-worker-row";
  }
}

package dev.fleetgate.admin;

import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.cluster.Cluster;
import dev.fleetgate.supervisor.cluster.ClusterNode;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.WorkerEvent;
import dev.fleetgate.supervisor.entity.WorkerName;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backs {@code worker.xhtml?app=api&id=N}, one worker in detail (R11): its row of the overview, its
 * recent output following live, its restart history, its command and environment, and the
 * operations on it (R6). Without {@code app}, the default app's worker ({@code worker.xhtml?id=0}
 * as before apps). In a cluster, {@code node=n2} names another node's worker (R18.3): its figures
 * from the node's last report, its output fetched from the node at every render, its operations
 * carried out there; without {@code node}, this node's. Node, app and id come from the view
 * parameters on the first request and from hidden fields that every poll and action posts with
 * them.
 */
@Named
@RequestScoped
public class WorkerPage {

  private static final Logger LOG = Logger.getLogger(WorkerPage.class.getName());

  @EJB Supervisor supervisor;
  @EJB Cluster cluster;
  @Inject WorkerOperations operations;
  @Inject FacesContext facesContext;

  /** The hidden fields every poll and action of the page posts; see {@link #readId()}. */
  static final String ID_FIELD = "worker:worker-id";

  static final String APP_FIELD = "worker:worker-app";

  static final String NODE_FIELD = "worker:worker-node";

  /** What the page says instead of history and environment of another node's worker (R18.3). */
  static final String NOT_REPLICATED = "Not available for a worker on another node.";

  private String node;
  private String app;
  private Integer id;

  // The named node when it is another than this one, read once per request (remoteNode()).
  private Optional<ClusterNode> remote;

  // The worker in that node's report, read once per request (reported()).
  private Optional<ReportedWorker> reported;

  // The output, read once per render (output()).
  private WorkerOutput output;

  // The app the page shows, checked once per request (knownApp()).
  private Optional<String> resolvedApp;

  // Filled on first use in this request, dropped after an operation.
  private Optional<WorkerRow> row;

  /**
   * Reads app and id before the request is decoded: the operation buttons are rendered only for a
   * known worker, and Faces decodes them before the hidden fields' values reach {@link #setId}.
   */
  @PostConstruct
  void readId() {
    Map<String, String> params = facesContext.getExternalContext().getRequestParameterMap();
    String value = params.getOrDefault(ID_FIELD, params.get("id"));
    try {
      id = value == null ? null : Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      id = null;
    }
    String named = params.getOrDefault(APP_FIELD, params.get("app"));
    app = named == null || named.isBlank() ? null : named.strip();
    String owner = params.getOrDefault(NODE_FIELD, params.get("node"));
    node = owner == null || owner.isBlank() ? null : owner.strip();
  }

  /**
   * The worker's node, from the view parameter {@code node} or the hidden field; null: this one.
   */
  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node == null || node.isBlank() ? null : node.strip();
    forget();
  }

  /** The worker's app, from the view parameter {@code app} or the page's hidden field. */
  public String getApp() {
    return app;
  }

  public void setApp(String app) {
    this.app = app == null || app.isBlank() ? null : app.strip();
    forget();
  }

  /** The worker's id, from the view parameter {@code id} or the page's hidden field. */
  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
    forget();
  }

  /** Drops what was read for the previous node, app or id, or before an operation. */
  private void forget() {
    resolvedApp = null;
    row = null;
    remote = null;
    reported = null;
    output = null;
  }

  /** True in a cluster: the page names the worker's node. */
  public boolean isClustered() {
    return cluster.enabled();
  }

  /** True when the page shows a worker of another cluster node (R18.3). */
  public boolean isRemote() {
    return node != null && !node.equals(cluster.localNode());
  }

  /** The node that runs the worker: the one asked for, else this one. */
  public String getNodeName() {
    return node != null ? node : cluster.localNode();
  }

  /** True when the worker's node is lost: the page shows its last known state (R18.3). */
  public boolean isNodeLost() {
    return remoteNode().map(ClusterNode::lost).orElse(false);
  }

  /** "12:03:04", when the worker's node was found lost; empty while it is live. */
  public String getNodeLostSince() {
    return remoteNode()
        .filter(ClusterNode::lost)
        .map(n -> FleetView.clock(n.lostAt(), ZoneId.systemDefault()))
        .orElse("");
  }

  /** Why no worker is shown: no such worker, or (another node asked for) no such node. */
  public String getProblem() {
    if (isRemote() && remoteNode().isEmpty()) {
      return "There is no node " + node + " in the cluster.";
    }
    return "There is no worker " + getName() + (isRemote() ? " on node " + node : "") + ".";
  }

  /** Another node's view, once per request; empty for this node (or an unknown node). */
  private Optional<ClusterNode> remoteNode() {
    if (remote == null) {
      remote = isRemote() ? cluster.node(node) : Optional.empty();
    }
    return remote;
  }

  /** The worker as its node's last report shows it; empty for this node's worker. */
  private Optional<ReportedWorker> reported() {
    if (reported == null) {
      reported =
          id == null
              ? Optional.empty()
              : remoteNode().flatMap(n -> ReportedWorker.find(n, app, id));
    }
    return reported;
  }

  /** How the page names its worker: {@code api/0}, or {@code 0} in the default app. */
  public String getName() {
    if (id == null) {
      return "";
    }
    String named = app != null ? app : knownApp();
    return named == null ? String.valueOf(id) : WorkerName.of(named, id);
  }

  /**
   * The app asked for if the supervisor runs it, else (none asked for) the supervisor's default
   * app; null for an unknown app or while the supervisor is away. Asked once per request, and
   * before any query about the app: the supervisor's answer to an unknown app is an EJB system
   * exception, logged, and the page polls every 2 s.
   */
  private String knownApp() {
    if (resolvedApp == null && isRemote()) {
      resolvedApp =
          remoteNode()
              .map(ClusterNode::report)
              .map(
                  r ->
                      app == null
                          ? ReportedWorker.defaultApp(r)
                          : r.app(app).map(a -> app).orElse(null));
    }
    if (resolvedApp == null) {
      try {
        if (app == null) {
          resolvedApp = Optional.of(supervisor.defaultApp());
        } else {
          resolvedApp = Optional.of(app).filter(supervisor.apps()::contains);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Supervisor not available", e);
        resolvedApp = Optional.empty();
      }
    }
    return resolvedApp.orElse(null);
  }

  /** The worker's overview row; empty when there is no such worker. */
  public Optional<WorkerRow> getRowOrEmpty() {
    if (row == null) {
      row = loadRow();
    }
    return row;
  }

  /** The worker's row, or null when there is no such worker (EL reads null as "not rendered"). */
  public WorkerRow getRow() {
    return getRowOrEmpty().orElse(null);
  }

  public boolean isFound() {
    return getRowOrEmpty().isPresent();
  }

  /**
   * The recent output, oldest first: the newest line is at the bottom, as in a terminal. Another
   * node's worker's is fetched from that node (R18.3).
   */
  public List<LogRow> getLog() {
    return output().lines();
  }

  /** What the output box says while it is empty: why, or that there is no output yet. */
  public String getLogProblem() {
    return output().emptyText();
  }

  private WorkerOutput output() {
    if (output == null) {
      ZoneId zone = ZoneId.systemDefault();
      output =
          !isFound()
              ? WorkerOutput.NONE
              : isRemote()
                  ? WorkerOutput.fromNode(
                      cluster::logAfter, remoteNode().orElseThrow(), knownApp(), id, zone)
                  : WorkerOutput.local(supervisor, knownApp(), id, zone);
    }
    return output;
  }

  /** The history's text without events: another node's worker's are not replicated (R18.3). */
  public String getEventsEmpty() {
    return isRemote() ? NOT_REPLICATED : "No state changes yet.";
  }

  /** The environment's text without variables: another node's are not replicated (R18.3). */
  public String getEnvironmentEmpty() {
    return isRemote() ? NOT_REPLICATED : "No variables.";
  }

  /** The state changes, newest first; none for another node's worker (not replicated). */
  public List<EventRow> getEvents() {
    if (!isFound() || isRemote()) {
      return List.of();
    }
    ZoneId zone = ZoneId.systemDefault();
    List<WorkerEvent> events = new ArrayList<>(supervisor.events(knownApp(), id));
    Collections.reverse(events);
    return events.stream().map(event -> EventRow.of(event, zone)).toList();
  }

  /** The command line, its words joined by spaces; another node's from its app's report. */
  public String getCommand() {
    if (isRemote()) {
      return reported().map(w -> String.join(" ", w.command())).orElse("");
    }
    return snapshot().map(w -> String.join(" ", w.command())).orElse("");
  }

  /**
   * The variables Fleetgate gives the worker, by name, secrets masked; none for another node's
   * worker (not replicated).
   */
  public List<SettingRow> getEnvironment() {
    if (!isFound() || isRemote()) {
      return List.of();
    }
    Map<String, String> sorted = new TreeMap<>(supervisor.environment(knownApp(), id));
    return sorted.entrySet().stream()
        .map(e -> new SettingRow(e.getKey(), SecretMask.value(e.getKey(), e.getValue()), ""))
        .toList();
  }

  public boolean isMayAct() {
    return operations.mayAct();
  }

  public void start() {
    perform(Operation.START);
  }

  public void stop() {
    perform(Operation.STOP);
  }

  public void restart() {
    perform(Operation.RESTART);
  }

  public void drain() {
    perform(Operation.DRAIN);
  }

  private void perform(Operation operation) {
    String known = knownApp();
    if (id == null || known == null) {
      return;
    }
    Outcome outcome =
        isRemote()
            ? operations.perform(operation, node, known, id)
            : operations.perform(operation, known, id);
    facesContext.addMessage(
        null,
        new FacesMessage(
            outcome.ok() ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_ERROR,
            outcome.message(),
            null));
    forget();
  }

  private Optional<WorkerSnapshot> snapshot() {
    return fleet().flatMap(f -> f.workers().stream().filter(w -> w.id() == id).findFirst());
  }

  private Optional<FleetSnapshot> fleet() {
    String known = knownApp();
    if (id == null || known == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(supervisor.snapshot(known));
    } catch (RuntimeException e) { // no such app (OperationFailedException), or no supervisor
      LOG.log(Level.FINE, "Supervisor snapshot failed", e);
      return Optional.empty();
    }
  }

  private Optional<WorkerRow> loadRow() {
    if (isRemote()) {
      return reported().map(ReportedWorker::row);
    }
    Optional<FleetSnapshot> fleet = fleet();
    Optional<WorkerSnapshot> worker =
        fleet.flatMap(f -> f.workers().stream().filter(w -> w.id() == id).findFirst());
    if (worker.isEmpty()) {
      return Optional.empty();
    }
    String known = worker.get().app();
    var traffic =
        supervisor.traffic().stream()
            .filter(t -> t.workerId() == id && t.app().equals(known))
            .findFirst()
            .orElse(null);
    return Optional.of(WorkerRow.of(worker.get(), traffic, fleet.get().takenAt()));
  }
}

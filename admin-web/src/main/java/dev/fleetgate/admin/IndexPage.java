package dev.fleetgate.admin;

import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.cluster.Cluster;
import dev.fleetgate.supervisor.cluster.ClusterNode;
import dev.fleetgate.supervisor.cluster.NodeReport;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backs {@code index.xhtml}, the overview of the fleet (R1), grouped by app (R1.7), and the
 * operations on it (R6); in a cluster, grouped by node first (R18). One snapshot per app per
 * request: the first render and every 2-second poll (R2) ask the supervisor once, and read the
 * other nodes' last reports, which are local.
 */
@Named
@RequestScoped
public class IndexPage {

  private static final Logger LOG = Logger.getLogger(IndexPage.class.getName());

  @EJB Supervisor supervisor;
  @EJB Cluster cluster;
  @Inject WorkerOperations operations;
  @Inject FacesContext facesContext;

  private FleetView fleet;
  private String app;
  private String target;
  private Integer scaleTo;

  /** The fleet as of this request. */
  public FleetView getFleet() {
    if (fleet == null) {
      fleet = load();
    }
    return fleet;
  }

  /** Whether the caller may act; a viewer sees no buttons (and is refused anyway, R6.1). */
  public boolean isMayAct() {
    return operations.mayAct();
  }

  public void start(String app, int workerId) {
    perform(Operation.START, app, workerId);
  }

  public void stop(String app, int workerId) {
    perform(Operation.STOP, app, workerId);
  }

  public void restart(String app, int workerId) {
    perform(Operation.RESTART, app, workerId);
  }

  public void drain(String app, int workerId) {
    perform(Operation.DRAIN, app, workerId);
  }

  /** Starts a worker of cluster node {@code node}, which carries it out (R18.2). */
  public void startOn(String node, String app, int workerId) {
    perform(Operation.START, node, app, workerId);
  }

  public void stopOn(String node, String app, int workerId) {
    perform(Operation.STOP, node, app, workerId);
  }

  public void restartOn(String node, String app, int workerId) {
    perform(Operation.RESTART, node, app, workerId);
  }

  public void drainOn(String node, String app, int workerId) {
    perform(Operation.DRAIN, node, app, workerId);
  }

  /**
   * Scales the chosen app ({@link #getApp()}; in a cluster, the app on its node, {@link
   * #getTarget()}) to {@link #getScaleTo()} workers.
   */
  public void scale() {
    if (scaleTo == null) {
      show(Outcome.failure("Enter the number of workers."));
      return;
    }
    performOnChosen(Operation.SCALE, scaleTo);
  }

  /** Restarts every worker of the chosen app (on its node in a cluster), one after the other. */
  public void rollingRestart() {
    performOnChosen(Operation.ROLLING_RESTART, 0);
  }

  /**
   * Restarts every app on every live node, one node after the other, each fully ready again before
   * the next begins (R18.2).
   */
  public void clusterRollingRestart() {
    show(operations.clusterRollingRestart(null, false));
    fleet = null;
  }

  private void performOnChosen(Operation operation, int argument) {
    if (!getFleet().isClustered()) {
      perform(operation, getApp(), argument);
      return;
    }
    Optional<AppOnNode> chosen = AppOnNode.parse(getTarget());
    if (chosen.isEmpty()) {
      show(Outcome.failure("Choose an app on a live node."));
      return;
    }
    perform(operation, chosen.get().node(), chosen.get().app(), argument);
  }

  private void perform(Operation operation, String app, int argument) {
    if (app == null) {
      show(Outcome.failure("The supervisor is not available."));
      return;
    }
    show(operations.perform(operation, app, argument));
    fleet = null; // the table after the operation, not before
  }

  private void perform(Operation operation, String node, String app, int argument) {
    show(operations.perform(operation, node, app, argument));
    fleet = null;
  }

  private void show(Outcome outcome) {
    facesContext.addMessage(
        null,
        new FacesMessage(
            outcome.ok() ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_ERROR,
            outcome.message(),
            null));
  }

  private FleetView load() {
    try {
      if (cluster.enabled()) {
        return FleetView.ofNodes(nodes(ZoneId.systemDefault()), ZoneId.systemDefault());
      }
      return FleetView.of(AppFleet.read(supervisor), supervisor.traffic(), ZoneId.systemDefault());
    } catch (RuntimeException e) {
      // FINE: an open console polls every 2 s; the supervisor logs its own failures.
      LOG.log(Level.FINE, "Supervisor snapshot failed", e);
      return FleetView.unavailable(describe(e));
    }
  }

  /**
   * Every node's section, by name: this node's from its supervisor (current, also right after an
   * operation), the others' from their last reports.
   */
  private List<NodeGroup> nodes(ZoneId zone) {
    List<ClusterNode> known = new ArrayList<>(cluster.nodes());
    if (known.stream().noneMatch(ClusterNode::local)) { // before this node's first report
      known.add(new ClusterNode(nameOnly(cluster.localNode()), true, Instant.now(), null));
      known.sort(Comparator.comparing(ClusterNode::name));
    }
    List<NodeGroup> nodes = new ArrayList<>();
    for (ClusterNode node : known) {
      nodes.add(
          node.local()
              ? NodeGroup.of(node, AppFleet.read(supervisor), supervisor.traffic(), zone)
              : NodeGroup.of(node, AppFleet.of(node.report()), node.report().traffic(), zone));
    }
    return nodes;
  }

  private static NodeReport nameOnly(String node) {
    return new NodeReport(node, "", "", "", "", null, 0, List.of(), List.of());
  }

  static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /**
   * The app that scaling and the rolling restart act on: the one the operator chose (its control is
   * shown with several apps only), else the first app; null while the supervisor is away.
   */
  public String getApp() {
    if (app == null || app.isEmpty()) {
      AppGroup first = getFleet().getFirstGroup();
      return first == null ? null : first.getName();
    }
    return app;
  }

  public void setApp(String app) {
    this.app = app;
  }

  /** The count the operator typed for scaling; the chosen app's current count until then. */
  public Integer getScaleTo() {
    if (scaleTo == null && getFleet().isClustered()) {
      return AppOnNode.parse(getTarget())
          .flatMap(getFleet()::target)
          .map(AppGroup::getDesired)
          .orElse(null);
    }
    if (scaleTo == null) {
      String chosen = getApp();
      return chosen == null
          ? null
          : getFleet().group(chosen).map(AppGroup::getDesired).orElse(null);
    }
    return scaleTo;
  }

  /**
   * In a cluster, the app on its node that scaling and the rolling restart act on ({@link
   * AppOnNode#key()}): the one the operator chose, else the first app of this node (of the first
   * live node while this one has none).
   */
  public String getTarget() {
    if (target == null || target.isEmpty()) {
      List<AppGroup> targets = getFleet().getTargets();
      return targets.stream()
          .filter(g -> g.getNode().equals(cluster.localNode()))
          .findFirst()
          .or(() -> targets.stream().findFirst())
          .map(AppGroup::getTargetKey)
          .orElse(null);
    }
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public void setScaleTo(Integer scaleTo) {
    this.scaleTo = scaleTo;
  }
}

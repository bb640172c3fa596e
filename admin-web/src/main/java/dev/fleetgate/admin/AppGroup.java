package dev.fleetgate.admin;

import dev.fleetgate.supervisor.entity.WorkerName;
import java.util.List;

/**
 * One app's part of the overview (R1.7): its group header (name, ready of desired, readiness) and
 * its workers' rows; in a cluster, one app on one node (R18). Getters for Expression Language, as
 * in {@link WorkerRow}.
 */
public final class AppGroup {

  private final String node;
  private final String name;
  private final List<WorkerRow> rows;
  private final String headline;
  private final int desired;
  private final long readyCount;
  private final boolean starting;
  private final boolean ready;

  AppGroup(
      String node,
      String name,
      List<WorkerRow> rows,
      String headline,
      int desired,
      long readyCount,
      boolean starting,
      boolean ready) {
    this.node = node;
    this.name = name;
    this.rows = List.copyOf(rows);
    this.headline = headline;
    this.desired = desired;
    this.readyCount = readyCount;
    this.starting = starting;
    this.ready = ready;
  }

  /** The cluster node that runs this app's workers; null outside a cluster. */
  public String getNode() {
    return node;
  }

  /** The app menu's value for this app on its node in a cluster (R18.2), {@code api@n2}. */
  public String getTargetKey() {
    return new AppOnNode(node, name).key();
  }

  /** The app menu's label for this app on its node in a cluster, {@code api on n2}. */
  public String getTargetLabel() {
    return new AppOnNode(node, name).label();
  }

  /** The app's name, as operations and worker names ({@code api/0}) use it. */
  public String getName() {
    return name;
  }

  /** True for the app {@code fleetgate.workers.*} configures, whose workers have bare ids. */
  public boolean isDefaultApp() {
    return WorkerName.DEFAULT_APP.equals(name);
  }

  public List<WorkerRow> getRows() {
    return rows;
  }

  /** "2 / 3 workers ready", with " · starting" until the app's initial start is done. */
  public String getHeadline() {
    return headline;
  }

  /** How many workers the app is asked to run. */
  public int getDesired() {
    return desired;
  }

  /** Its READY workers. */
  long readyCount() {
    return readyCount;
  }

  /** True until the app's initial start is done. */
  boolean starting() {
    return starting;
  }

  /** True when at least the app's min-ready workers are READY. */
  public boolean isReady() {
    return ready;
  }

  public String getReadiness() {
    return ready ? "ready" : "not ready";
  }

  public String getReadinessClass() {
    return ready ? "fg-badge fg-badge-ok" : "fg-badge fg-badge-failed";
  }
}

package dev.fleetgate.cli;

import static dev.fleetgate.cli.StatusTable.DEFAULT_APP;
import static dev.fleetgate.cli.StatusTable.instant;
import static dev.fleetgate.cli.StatusTable.list;
import static dev.fleetgate.cli.StatusTable.text;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./fleetgate status --cluster} for people (R7): one table of every node's workers, {@link
 * StatusTable}'s columns after a {@code NODE} column (and an {@code APP} column when the nodes run
 * more than one app), the rows grouped by node; then a line per node (this node marked, LIVE or
 * LOST since when, its addresses, version and ready count), each down worker's reason, and the
 * cluster's size. Reads the API's {@code GET cluster} document; a field it lacks prints as "-".
 */
final class ClusterTable {

  private ClusterTable() {}

  static String format(Map<String, Object> cluster) {
    Instant now = instant(cluster.get("time"));
    List<Map<?, ?>> nodes = maps(cluster.get("nodes"));
    boolean byApp = appNames(nodes).size() > 1;
    String[] headings = StatusTable.HEADINGS;
    if (byApp) {
      headings = StatusTable.withApp("APP", headings);
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(StatusTable.withApp("NODE", headings));
    List<String> reasons = new ArrayList<>();
    for (Map<?, ?> node : nodes) {
      String name = text(node.get("name"));
      Map<?, ?> status = map(node.get("status"));
      Instant taken = instant(status.get("time"));
      for (Map<?, ?> worker : maps(status.get("workers"))) {
        String[] row = StatusTable.row(worker, taken);
        if (byApp) {
          row = StatusTable.withApp(text(worker.get("app")), row);
        }
        rows.add(StatusTable.withApp(name, row));
        if (worker.get("reason") instanceof String reason) {
          reasons.add("worker " + StatusTable.name(worker) + " on node " + name + ": " + reason);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    StatusTable.columns(rows, out);
    nodes.forEach(node -> out.append(nodeLine(node, now)).append('\n'));
    reasons.forEach(reason -> out.append(reason).append('\n'));
    out.append(summary(cluster, nodes)).append('\n');
    return out.toString();
  }

  /**
   * {@code web-1 (this node): LIVE, http web-1:8080, grid 10.0.0.1:5701, version 0.1.0, 2 of 2
   * ready}; a lost node: {@code LOST since 2026-12-02T14:59:30Z (30s ago)}.
   */
  static String nodeLine(Map<?, ?> node, Instant now) {
    StringBuilder line = new StringBuilder(text(node.get("name")));
    if (Boolean.TRUE.equals(node.get("local"))) {
      line.append(" (this node)");
    }
    line.append(": ").append(text(node.get("state")));
    Instant lostAt = instant(node.get("lostAt"));
    if (node.get("lostAt") != null) {
      // To the second: the server writes nanoseconds.
      line.append(" since ")
          .append(
              lostAt == null ? text(node.get("lostAt")) : lostAt.truncatedTo(ChronoUnit.SECONDS));
      if (now != null && lostAt != null) {
        line.append(" (").append(StatusTable.duration(Duration.between(lostAt, now)));
        line.append(" ago)");
      }
    }
    line.append(", http ").append(text(node.get("http")));
    if (node.get("grid") != null) {
      line.append(", grid ").append(text(node.get("grid")));
    }
    line.append(", version ").append(text(node.get("version")));
    return line.append(", ").append(ready(map(node.get("status")))).toString();
  }

  /** {@code 2 of 2 ready} for the default app alone, else {@code ready: api 1 of 2, web 2 of 2}. */
  private static String ready(Map<?, ?> status) {
    List<Map<?, ?>> apps = maps(status.get("apps"));
    if (apps.isEmpty() || apps.size() == 1 && DEFAULT_APP.equals(apps.get(0).get("name"))) {
      return text(status.get("ready")) + " of " + text(status.get("desired")) + " ready";
    }
    List<String> counts = new ArrayList<>();
    for (Map<?, ?> app : apps) {
      counts.add(
          text(app.get("name")) + " " + text(app.get("ready")) + " of " + text(app.get("desired")));
    }
    return "ready: " + String.join(", ", counts);
  }

  /** {@code cluster: 2 nodes (1 live), 2 grid members}, or that there is no cluster. */
  private static String summary(Map<String, Object> cluster, List<Map<?, ?>> nodes) {
    if (!Boolean.TRUE.equals(cluster.get("enabled"))) {
      return "no cluster: this node alone (fleetgate.cluster.enabled is off)";
    }
    long live = nodes.stream().filter(n -> "LIVE".equals(n.get("state"))).count();
    Object members = cluster.get("gridMembers");
    return "cluster: "
        + counted(nodes.size(), "node")
        + " ("
        + live
        + " live), "
        + (members instanceof Long count ? counted(count, "grid member") : "- grid members");
  }

  private static String counted(long count, String what) {
    return count + " " + what + (count == 1 ? "" : "s");
  }

  /** Every app any node runs. */
  private static Set<Object> appNames(List<Map<?, ?>> nodes) {
    Set<Object> names = new LinkedHashSet<>();
    for (Map<?, ?> node : nodes) {
      Map<?, ?> status = map(node.get("status"));
      maps(status.get("apps")).forEach(app -> names.add(app.get("name")));
      maps(status.get("workers")).forEach(worker -> names.add(worker.get("app")));
    }
    names.remove(null);
    return names;
  }

  private static List<Map<?, ?>> maps(Object value) {
    List<Map<?, ?>> maps = new ArrayList<>();
    for (Object item : list(value)) {
      if (item instanceof Map<?, ?> map) {
        maps.add(map);
      }
    }
    return maps;
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }
}

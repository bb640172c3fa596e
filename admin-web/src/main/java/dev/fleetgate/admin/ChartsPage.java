package dev.fleetgate.admin;

import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.cluster.Cluster;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.ZoneId;
import java.util.List;

/**
 * Backs {@code charts.xhtml}: requests per second, latency and restarts per worker over the last 15
 * minutes (R13), from the supervisor's 5-second samples; the page re-reads them every 5 s. In a
 * cluster they are this node's, and the page says so (R18.4).
 */
@Named
@RequestScoped
public class ChartsPage {

  @EJB Supervisor supervisor;
  @EJB Cluster cluster;

  private ChartSeries series;

  private ChartSeries series() {
    if (series == null) {
      series = new ChartSeries(history(), ZoneId.systemDefault());
    }
    return series;
  }

  private List<dev.fleetgate.supervisor.entity.TrafficSample> history() {
    try {
      return supervisor.trafficHistory();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** Chart.js configuration of the requests-per-second chart. */
  public String getRequestsJson() {
    return series().requests();
  }

  public String getLatencyJson() {
    return series().latency();
  }

  public String getRestartsJson() {
    return series().restarts();
  }

  /** "charts show this node (n1)" in a cluster, whose other nodes' samples are not replicated. */
  public String getScope() {
    return cluster.enabled() ? "charts show this node (" + cluster.localNode() + ")" : "";
  }

  /** False until the first sample, 5 s after start: the page says so instead of empty axes. */
  public boolean isHasData() {
    return series().points() > 0;
  }
}

package dev.fleetgate.admin;

import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the overview shows for one snapshot: the headline and one {@link WorkerRow} per worker (R1),
 * or why there is nothing to show (R5). Getters for Expression Language, as in {@link WorkerRow}.
 */
public final class FleetView {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final List<WorkerRow> rows;
  private final String headline;
  private final String takenAt;
  private final String problem;
  private final boolean ready;
  private final int desired;

  private FleetView(
      List<WorkerRow> rows,
      String headline,
      String takenAt,
      String problem,
      boolean ready,
      int desired) {
    this.rows = List.copyOf(rows);
    this.headline = headline;
    this.takenAt = takenAt;
    this.problem = problem;
    this.ready = ready;
    this.desired = desired;
  }

  /**
   * The view of {@code snapshot}; durations are measured to the snapshot's time.
   *
   * @param zone where the operator's "as of" clock time is read
   */
  public static FleetView of(FleetSnapshot snapshot, ZoneId zone) {
    return of(snapshot, List.of(), 1, zone);
  }

  /**
   * The view of {@code snapshot} with each worker's traffic (R1.5) and whether the fleet is ready
   * as {@code /health/ready} judges it (R1.6).
   *
   * @param traffic counters by worker; a worker without any shows zeros
   * @param minReady ready workers needed for the fleet to count as ready
   */
  public static FleetView of(
      FleetSnapshot snapshot, List<TrafficSnapshot> traffic, int minReady, ZoneId zone) {
    Map<Integer, TrafficSnapshot> byWorker =
        traffic.stream()
            .collect(Collectors.toMap(TrafficSnapshot::workerId, Function.identity(), (a, b) -> b));
    List<WorkerRow> rows =
        snapshot.workers().stream()
            .map(w -> WorkerRow.of(w, byWorker.get(w.id()), snapshot.takenAt()))
            .toList();
    String headline =
        snapshot.readyCount()
            + " / "
            + snapshot.desired()
            + (snapshot.desired() == 1 ? " worker ready" : " workers ready")
            + (snapshot.initialStartDone() ? "" : " · starting");
    return new FleetView(
        rows,
        headline,
        CLOCK.format(snapshot.takenAt().atZone(zone)),
        "",
        snapshot.readyCount() >= minReady,
        snapshot.desired());
  }

  /** A view without workers that says why (R5). */
  public static FleetView unavailable(String problem) {
    String why = problem == null || problem.isBlank() ? "no answer" : problem;
    return new FleetView(List.of(), "Supervisor not available", "", why, false, 0);
  }

  public List<WorkerRow> getRows() {
    return rows;
  }

  /** "3 / 4 workers ready", with " · starting" until the initial start is done. */
  public String getHeadline() {
    return headline;
  }

  /** Clock time of the snapshot, "HH:mm:ss"; empty when unavailable. */
  public String getTakenAt() {
    return takenAt;
  }

  public boolean isAvailable() {
    return problem.isEmpty();
  }

  /** True when at least min-ready workers are READY: {@code /health/ready} answers UP. */
  public boolean isReady() {
    return ready;
  }

  /** How many workers the supervisor is asked to run. */
  public int getDesired() {
    return desired;
  }

  /** The readiness badge's text. */
  public String getReadiness() {
    return ready ? "ready" : "not ready";
  }

  /** The readiness badge's CSS classes. */
  public String getReadinessClass() {
    return ready ? "fg-badge fg-badge-ok" : "fg-badge fg-badge-failed";
  }

  /** Why no workers are shown; empty when available. */
  public String getProblem() {
    return problem;
  }
}

package dev.fleetgate.admin;

import dev.fleetgate.supervisor.entity.FleetSnapshot;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

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

  private FleetView(List<WorkerRow> rows, String headline, String takenAt, String problem) {
    this.rows = List.copyOf(rows);
    this.headline = headline;
    this.takenAt = takenAt;
    this.problem = problem;
  }

  /**
   * The view of {@code snapshot}; durations are measured to the snapshot's time.
   *
   * @param zone where the operator's "as of" clock time is read
   */
  public static FleetView of(FleetSnapshot snapshot, ZoneId zone) {
    List<WorkerRow> rows =
        snapshot.workers().stream().map(w -> WorkerRow.of(w, snapshot.takenAt())).toList();
    String headline =
        snapshot.readyCount()
            + " / "
            + snapshot.desired()
            + (snapshot.desired() == 1 ? " worker ready" : " workers ready")
            + (snapshot.initialStartDone() ? "" : " · starting");
    return new FleetView(rows, headline, CLOCK.format(snapshot.takenAt().atZone(zone)), "");
  }

  /** A view without workers that says why (R5). */
  public static FleetView unavailable(String problem) {
    String why = problem == null || problem.isBlank() ? "no answer" : problem;
    return new FleetView(List.of(), "Supervisor not available", "", why);
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

  /** Why no workers are shown; empty when available. */
  public String getProblem() {
    return problem;
  }
}

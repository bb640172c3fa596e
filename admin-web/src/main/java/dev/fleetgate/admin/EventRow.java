package dev.fleetgate.admin;

import dev.fleetgate.supervisor.entity.WorkerEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One state change in a worker's history, newest first on the detail page (R11.2). */
public final class EventRow {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final String at;
  private final String change;
  private final String badgeClass;
  private final String pid;
  private final String reason;

  private EventRow(WorkerEvent event, ZoneId zone) {
    at = event.at() == null ? "" : WHEN.format(event.at().atZone(zone));
    change = (event.from() == null ? "–" : event.from().name()) + " → " + event.to().name();
    badgeClass = WorkerRow.badgeClass(event.to());
    pid = event.pid() < 0 ? HumanFormat.NONE : Long.toString(event.pid());
    reason = event.reason() == null ? "" : event.reason();
  }

  public static EventRow of(WorkerEvent event, ZoneId zone) {
    return new EventRow(event, zone);
  }

  public String getAt() {
    return at;
  }

  /** "STARTING → READY". */
  public String getChange() {
    return change;
  }

  /** The badge of the state entered. */
  public String getBadgeClass() {
    return badgeClass;
  }

  public String getPid() {
    return pid;
  }

  public String getReason() {
    return reason;
  }
}

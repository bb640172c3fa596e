package dev.fleetgate.admin;

import dev.fleetgate.supervisor.entity.LogLine;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One line of a worker's output as the detail page shows it (R11.1). Getters for EL. */
public final class LogRow {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final String time;
  private final String stream;
  private final String styleClass;
  private final String text;

  private LogRow(String time, String stream, String styleClass, String text) {
    this.time = time;
    this.stream = stream;
    this.styleClass = styleClass;
    this.text = text;
  }

  /** The row for {@code line}, its time read in {@code zone}. */
  public static LogRow of(LogLine line, ZoneId zone) {
    boolean err = line.stream() == LogLine.Stream.STDERR;
    return new LogRow(
        line.at() == null ? "" : CLOCK.format(line.at().atZone(zone)),
        err ? "err" : "out",
        err ? "fg-log-line fg-log-err" : "fg-log-line fg-log-out",
        line.text() == null ? "" : line.text());
  }

  /** "HH:mm:ss.SSS". */
  public String getTime() {
    return time;
  }

  /** "out" or "err". */
  public String getStream() {
    return stream;
  }

  /** Tells stdout and stderr apart by colour. */
  public String getStyleClass() {
    return styleClass;
  }

  public String getText() {
    return text;
  }
}

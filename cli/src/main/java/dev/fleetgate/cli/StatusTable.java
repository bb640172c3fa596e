package dev.fleetgate.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./fleetgate status} for people, as {@code pm2 ls} shows it: one row per worker, a line
 * with the ready count, then each worker's reason for being down, if any. With several apps, an
 * {@code APP} column comes first, the rows stay grouped by app (the server's order) and the ready
 * count is one line per app. Reads the API's status document; a field it lacks prints as "-".
 */
final class StatusTable {

  static final String NONE = "-";

  /** The app whose workers have bare ids, as the server names it. */
  static final String DEFAULT_APP = "default";

  static final String[] HEADINGS = {
    "ID",
    "STATE",
    "PID",
    "PORT",
    "UPTIME",
    "RESTARTS",
    "IN-FLIGHT",
    "REQUESTS",
    "ERRORS",
    "MEMORY",
    "CPU",
    "LAST EXIT"
  };

  private StatusTable() {}

  static String format(Map<String, Object> status) {
    Instant now = instant(status.get("time"));
    List<?> apps = list(status.get("apps"));
    boolean byApp = apps.size() > 1;
    List<String[]> rows = new ArrayList<>();
    rows.add(byApp ? withApp("APP", HEADINGS) : HEADINGS);
    List<String> reasons = new ArrayList<>();
    for (Object item : list(status.get("workers"))) {
      if (!(item instanceof Map<?, ?> worker)) {
        continue;
      }
      String[] row = row(worker, now);
      rows.add(byApp ? withApp(text(worker.get("app")), row) : row);
      if (worker.get("reason") instanceof String reason) {
        reasons.add("worker " + name(worker) + ": " + reason);
      }
    }
    StringBuilder out = new StringBuilder();
    columns(rows, out);
    if (apps.isEmpty()) {
      out.append(readyLine(status));
    }
    for (Object item : apps) {
      if (item instanceof Map<?, ?> app) {
        // The default app alone reads as before apps: "1 of 2 ready".
        boolean named = byApp || !DEFAULT_APP.equals(app.get("name"));
        out.append(named ? text(app.get("name")) + ": " : "").append(readyLine(app));
      }
    }
    reasons.forEach(reason -> out.append(reason).append('\n'));
    return out.toString();
  }

  /** One worker's row under {@link #HEADINGS}; {@code now} is its status document's time. */
  static String[] row(Map<?, ?> worker, Instant now) {
    return new String[] {
      text(worker.get("id")),
      text(worker.get("state")),
      text(worker.get("pid")),
      text(worker.get("port")),
      worker.get("uptimeSeconds") instanceof Long seconds
          ? duration(Duration.ofSeconds(seconds))
          : NONE,
      text(worker.get("restarts")),
      text(worker.get("inFlight")),
      text(worker.get("requests")),
      text(worker.get("errors")),
      worker.get("memoryBytes") instanceof Long bytes ? bytes(bytes) : NONE,
      worker.get("cpuPercent") instanceof Number cpu ? percent(cpu.doubleValue()) : NONE,
      exit(worker.get("lastExit"), now)
    };
  }

  /** The worker's name, {@code api/0} or {@code 0}; its id when the document has no name. */
  static String name(Map<?, ?> worker) {
    return text(worker.get("name") != null ? worker.get("name") : worker.get("id"));
  }

  static String readyLine(Map<?, ?> counts) {
    return text(counts.get("ready")) + " of " + text(counts.get("desired")) + " ready\n";
  }

  static String[] withApp(String app, String[] row) {
    String[] wider = new String[row.length + 1];
    wider[0] = app;
    System.arraycopy(row, 0, wider, 1, row.length);
    return wider;
  }

  /** Left-aligned columns, two spaces apart, no trailing spaces. */
  static void columns(List<String[]> rows, StringBuilder out) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  /** "45s", "2m 5s", "3h 12m", "2d 4h". */
  static String duration(Duration duration) {
    long s = Math.max(0, duration.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m " + s % 60 + "s";
    }
    if (s < 86_400) {
      return s / 3600 + "h " + s % 3600 / 60 + "m";
    }
    return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
  }

  /** Binary units as the console: "512 B", "48.0 MiB", "1.2 GiB". */
  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  static String percent(double percent) {
    return String.format(Locale.ROOT, "%.1f%%", percent);
  }

  /** "exit 1, 5s ago", "signal 9, 2m 3s ago", or "-". */
  static String exit(Object lastExit, Instant now) {
    if (!(lastExit instanceof Map<?, ?> exit)) {
      return NONE;
    }
    String how =
        exit.get("signal") instanceof Long signal
            ? "signal " + signal
            : "exit " + text(exit.get("code"));
    Instant at = instant(exit.get("at"));
    return now == null || at == null
        ? how
        : how + ", " + duration(Duration.between(at, now)) + " ago";
  }

  static String text(Object value) {
    return value == null ? NONE : value.toString();
  }

  static List<?> list(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  static Instant instant(Object value) {
    if (value instanceof String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}

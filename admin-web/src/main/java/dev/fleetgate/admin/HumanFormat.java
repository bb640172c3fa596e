package dev.fleetgate.admin;

import dev.fleetgate.supervisor.entity.ExitStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Numbers as an operator reads them at a glance: durations, sizes, exits. */
final class HumanFormat {

  /** Shown where a value is unknown or does not apply. */
  static final String NONE = "–";

  private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  // Linux numbering; the signals a supervised process commonly dies of.
  private static final Map<Integer, String> SIGNAL_NAMES =
      Map.of(
          1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 4, "SIGILL", 6, "SIGABRT", 7, "SIGBUS", 9,
          "SIGKILL", 11, "SIGSEGV", 13, "SIGPIPE", 15, "SIGTERM");

  private HumanFormat() {}

  /** Two units at most: "45 s", "12 min 3 s", "3 h 12 min", "2 d 4 h". Negative counts as 0. */
  static String duration(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min " + seconds % 60 + " s";
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return hours + " h " + minutes % 60 + " min";
    }
    return hours / 24 + " d " + hours % 24 + " h";
  }

  /** Binary units with one decimal: "512 B", "1.5 KiB", "231.5 MiB"; {@link #NONE} if negative. */
  static String bytes(long bytes) {
    if (bytes < 0) {
      return NONE;
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes / 1024.0;
    int unit = 0;
    // 1023.95 and up would print as "1024.0": move to the next unit instead.
    while (value >= 1023.95 && unit < BINARY_UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, BINARY_UNITS[unit]);
  }

  /** CPU in percent of one core with one decimal, "12.5 %"; {@link #NONE} if negative. */
  static String percent(double percent) {
    return percent < 0 || Double.isNaN(percent)
        ? NONE
        : String.format(Locale.ROOT, "%.1f %%", percent);
  }

  /**
   * A latency: "0.4 ms" below 10 ms, "12 ms", "1.25 s" from a second; {@link #NONE} when NaN (no
   * request yet).
   */
  static String millis(double millis) {
    if (Double.isNaN(millis) || millis < 0) {
      return NONE;
    }
    if (millis < 10) {
      return String.format(Locale.ROOT, "%.1f ms", millis);
    }
    if (millis < 1000) {
      return String.format(Locale.ROOT, "%.0f ms", millis);
    }
    return String.format(Locale.ROOT, "%.2f s", millis / 1000);
  }

  /**
   * "code 1, 3 min 2 s ago" or "signal 9 (SIGKILL), 10 s ago"; {@link #NONE} without an exit.
   *
   * @param now the moment "ago" is measured from
   */
  static String exit(ExitStatus exit, Instant now) {
    if (exit == null) {
      return NONE;
    }
    String how = exit.bySignal() ? signal(exit.signal()) : "code " + exit.code();
    return exit.at() == null
        ? how
        : how + ", " + duration(Duration.between(exit.at(), now)) + " ago";
  }

  private static String signal(int number) {
    String name = SIGNAL_NAMES.get(number);
    return name == null ? "signal " + number : "signal " + number + " (" + name + ")";
  }
}

package dev.fleetgate.supervisor.entity;

import java.time.Instant;

/**
 * How a worker process ended: an exit code, or the signal that killed it (then {@code code} is the
 * shell convention 128 + signal).
 */
public record ExitStatus(int code, Integer signal, Instant at) {

  /** Reads a status as {@code wait(1)} in a POSIX shell reports it: above 128 means a signal. */
  public static ExitStatus fromShellStatus(int status, Instant at) {
    return status > 128 && status < 128 + 65
        ? new ExitStatus(status, status - 128, at)
        : new ExitStatus(status, null, at);
  }

  public boolean bySignal() {
    return signal != null;
  }

  @Override
  public String toString() {
    return bySignal() ? "signal " + signal : "exit code " + code;
  }
}

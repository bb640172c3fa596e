package dev.fleetgate.supervisor.entity;

import java.time.Instant;

/** One line a worker wrote, tagged with the stream it came from. */
public record LogLine(Instant at, Stream stream, String text) {

  /** The worker's output stream a line came from. */
  public enum Stream {
    STDOUT,
    STDERR
  }
}

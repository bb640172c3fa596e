package dev.fleetgate.ear;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The supervisor's record of the workers it runs, {@code <state-dir>/workers.pids}: one line "id
 * pid start-millis" per worker. The test's last resort when a server went away without stopping
 * them.
 */
final class WorkerPidFile {
  private WorkerPidFile() {}

  /** The recorded workers still alive; a reused pid (another start time) is not one of them. */
  static List<ProcessHandle> liveEntries(Path stateDir) {
    Path file = stateDir.resolve("workers.pids");
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      return Files.readAllLines(file).stream()
          .map(line -> line.trim().split("\\s+"))
          .filter(fields -> fields.length == 3)
          .flatMap(fields -> live(Long.parseLong(fields[1]), Long.parseLong(fields[2])).stream())
          .toList();
    } catch (IOException | NumberFormatException e) {
      System.err.println("clean-up: cannot read " + file + ": " + e);
      return List.of();
    }
  }

  private static Optional<ProcessHandle> live(long pid, long startedMillis) {
    Instant started = Instant.ofEpochMilli(startedMillis);
    return ProcessHandle.of(pid)
        .filter(
            p ->
                p.info()
                    .startInstant()
                    .map(s -> Duration.between(s, started).abs().toMillis() < 2000)
                    .orElse(false));
  }
}

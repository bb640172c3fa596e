package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.config.SupervisorConfig;
import dev.fleetgate.supervisor.entity.LogLine;
import java.util.List;

/**
 * What a worker's processes wrote, one after the other (R7): the last lines in memory ({@link
 * LogTail}) and every line in its size-rotated file ({@link RotatingLogFile}). Thread-safe: lines
 * arrive on the processes' reader threads.
 */
final class WorkerOutput implements AutoCloseable {
  private final LogTail tail;
  private final RotatingLogFile file;

  WorkerOutput(int id, SupervisorConfig config) {
    this.tail = new LogTail(config.logLines());
    this.file =
        new RotatingLogFile(
            config.logDir().resolve("worker-" + id + ".log"),
            config.logMaxSize(),
            config.logMaxFiles());
  }

  void add(LogLine line) {
    tail.add(line);
    file.write(line);
  }

  /** The last lines, oldest first. */
  List<LogLine> recent() {
    return tail.lines();
  }

  @Override
  public void close() {
    file.close();
  }
}

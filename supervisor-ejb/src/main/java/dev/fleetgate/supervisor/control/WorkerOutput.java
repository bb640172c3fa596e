package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.config.SupervisorConfig;
import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.LogLine;
import dev.fleetgate.supervisor.entity.WorkerName;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What a worker's processes wrote, one after the other (R7): the last lines in memory ({@link
 * LogTail}) and every line in its size-rotated file ({@link RotatingLogFile}). Thread-safe: lines
 * arrive on the processes' reader threads.
 */
final class WorkerOutput implements AutoCloseable {
  private final LogTail tail;
  private final RotatingLogFile file;
  private final String stdoutPrefix;

  WorkerOutput(int id, SupervisorConfig config, LongSupplier lineNumbers) {
    this.tail = new LogTail(id, config.logLines(), lineNumbers);
    this.file =
        new RotatingLogFile(
            config.logDir().resolve(fileName(config.app(), id)),
            config.logMaxSize(),
            config.logMaxFiles());
    this.stdoutPrefix = config.logToStdout() ? WorkerName.of(config.app(), id) + "|" : null;
  }

  /** {@code worker-0.log} in the default app (as before apps), {@code worker-api-0.log} in api. */
  static String fileName(String app, int id) {
    return "worker-" + WorkerName.of(app, id).replace('/', '-') + ".log";
  }

  void add(LogLine line) {
    tail.add(line);
    file.write(line);
    if (stdoutPrefix != null) {
      // One println per line: lines of different workers never interleave within a line.
      System.out.println(
          stdoutPrefix
              + (line.stream() == LogLine.Stream.STDERR ? "err| " : "out| ")
              + line.text());
    }
  }

  /** The last lines, oldest first. */
  List<LogLine> recent() {
    return tail.lines();
  }

  /** The kept lines numbered above {@code number}, oldest first (R7.1). */
  List<LogEntry> after(long number) {
    return tail.after(number);
  }

  @Override
  public void close() {
    file.close();
  }
}

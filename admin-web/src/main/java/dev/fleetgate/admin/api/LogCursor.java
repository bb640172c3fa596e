package dev.fleetgate.admin.api;

import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.WorkerName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Where a reader of the workers' output is (R4): the number of the last line it got from each
 * worker, of any app. The first read gives the last lines kept; each later read gives the lines
 * written since, each once, oldest first. Pure: the lines come from a {@link Reader}.
 */
final class LogCursor {

  /** Reads a worker's kept lines numbered above a number: {@code Supervisor::logAfter}. */
  @FunctionalInterface
  interface Reader {
    /**
     * @throws NoSuchElementException when the worker (or its app) does not exist (any more)
     */
    List<LogEntry> after(WorkerName worker, long number);
  }

  /** A line and the app of the worker that wrote it, which {@link LogEntry} does not say. */
  record Line(String app, LogEntry entry) {
    WorkerName worker() {
      return new WorkerName(app, entry.workerId());
    }
  }

  // Oldest first: by time, then by number, which orders the lines of one app's workers.
  private static final Comparator<Line> WRITTEN =
      Comparator.comparing((Line line) -> line.entry().line().at())
          .thenComparingLong(line -> line.entry().number());

  private final Map<WorkerName, Long> lastSeen = new HashMap<>();

  /**
   * The last {@code lines} lines kept of these workers, oldest first; from now on each worker's
   * later lines are new. A worker that is gone meanwhile is left out.
   */
  List<Line> first(Collection<WorkerName> workers, Reader reader, int lines) {
    List<Line> all = read(workers, reader);
    return all.subList(Math.max(0, all.size() - lines), all.size());
  }

  /**
   * The last {@code lines} lines kept of one worker, oldest first; from now on its later lines are
   * new.
   *
   * @throws NoSuchElementException when there is no such worker
   */
  List<Line> first(WorkerName worker, Reader reader, int lines) {
    List<Line> all = next(worker, reader);
    return all.subList(Math.max(0, all.size() - lines), all.size());
  }

  /**
   * The lines these workers wrote since the last read, oldest first. A worker first seen now gives
   * all its lines: it started since. A worker that is gone meanwhile is left out.
   */
  List<Line> next(Collection<WorkerName> workers, Reader reader) {
    return read(workers, reader);
  }

  /**
   * The lines one worker wrote since the last read.
   *
   * @throws NoSuchElementException when the worker is gone
   */
  List<Line> next(WorkerName worker, Reader reader) {
    List<LogEntry> lines = reader.after(worker, lastSeen.getOrDefault(worker, 0L));
    if (!lines.isEmpty()) {
      lastSeen.put(worker, lines.get(lines.size() - 1).number());
    }
    return lines.stream().map(entry -> new Line(worker.app(), entry)).toList();
  }

  private List<Line> read(Collection<WorkerName> workers, Reader reader) {
    List<Line> all = new ArrayList<>();
    for (WorkerName worker : workers) {
      try {
        all.addAll(next(worker, reader));
      } catch (NoSuchElementException gone) {
        lastSeen.remove(worker);
      }
    }
    all.sort(WRITTEN);
    return all;
  }
}

package dev.fleetgate.admin.api;

import dev.fleetgate.supervisor.entity.LogEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Where a reader of the workers' output is (R4): the number of the last line it got from each
 * worker. The first read gives the last lines kept; each later read gives the lines written since,
 * each once, in the order they were numbered. Pure: the lines come from a {@link Reader}.
 */
final class LogCursor {

  /** Reads a worker's kept lines numbered above a number: {@code Supervisor::logAfter}. */
  @FunctionalInterface
  interface Reader {
    /**
     * @throws NoSuchElementException when the worker does not exist (any more)
     */
    List<LogEntry> after(int workerId, long number);
  }

  private final Map<Integer, Long> lastSeen = new HashMap<>();

  /**
   * The last {@code lines} lines kept of these workers, oldest first; from now on each worker's
   * later lines are new. A worker that is gone meanwhile is left out.
   */
  List<LogEntry> first(Collection<Integer> workerIds, Reader reader, int lines) {
    List<LogEntry> all = read(workerIds, reader);
    return all.subList(Math.max(0, all.size() - lines), all.size());
  }

  /**
   * The last {@code lines} lines kept of one worker, oldest first; from now on its later lines are
   * new.
   *
   * @throws NoSuchElementException when there is no such worker
   */
  List<LogEntry> first(int workerId, Reader reader, int lines) {
    List<LogEntry> all = next(workerId, reader);
    return all.subList(Math.max(0, all.size() - lines), all.size());
  }

  /**
   * The lines these workers wrote since the last read, oldest first. A worker first seen now gives
   * all its lines: it started since. A worker that is gone meanwhile is left out.
   */
  List<LogEntry> next(Collection<Integer> workerIds, Reader reader) {
    return read(workerIds, reader);
  }

  /**
   * The lines one worker wrote since the last read.
   *
   * @throws NoSuchElementException when the worker is gone
   */
  List<LogEntry> next(int workerId, Reader reader) {
    List<LogEntry> lines = reader.after(workerId, lastSeen.getOrDefault(workerId, 0L));
    remember(workerId, lines);
    return lines;
  }

  private List<LogEntry> read(Collection<Integer> workerIds, Reader reader) {
    List<LogEntry> all = new ArrayList<>();
    for (int id : workerIds) {
      try {
        all.addAll(next(id, reader));
      } catch (NoSuchElementException gone) {
        lastSeen.remove(id);
      }
    }
    all.sort(Comparator.comparingLong(LogEntry::number));
    return all;
  }

  private void remember(int workerId, List<LogEntry> lines) {
    if (!lines.isEmpty()) {
      lastSeen.put(workerId, lines.get(lines.size() - 1).number());
    }
  }
}

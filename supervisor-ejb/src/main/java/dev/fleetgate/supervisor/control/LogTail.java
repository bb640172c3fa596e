package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.LogLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The last {@code capacity} lines a worker wrote, numbered, for the console and the API (R7).
 * Thread-safe: a line gets its number and its place under one lock, so one worker's numbers grow in
 * the order its lines are kept.
 */
public final class LogTail {
  private final int workerId;
  private final int capacity;
  private final LongSupplier numbers;
  private final ArrayDeque<LogEntry> entries;

  /**
   * @param numbers hands out line numbers; the fleet shares one counter among all its workers
   */
  public LogTail(int workerId, int capacity, LongSupplier numbers) {
    this.workerId = workerId;
    this.capacity = capacity;
    this.numbers = numbers;
    this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  public synchronized void add(LogLine line) {
    if (capacity == 0) {
      return;
    }
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(new LogEntry(numbers.getAsLong(), workerId, line));
  }

  /** Oldest first. */
  public synchronized List<LogLine> lines() {
    return entries.stream().map(LogEntry::line).toList();
  }

  /** The kept lines numbered above {@code number}, oldest first; all of them for 0. */
  public synchronized List<LogEntry> after(long number) {
    List<LogEntry> newer = new ArrayList<>();
    Iterator<LogEntry> newestFirst = entries.descendingIterator();
    while (newestFirst.hasNext()) {
      LogEntry entry = newestFirst.next();
      if (entry.number() <= number) {
        break;
      }
      newer.add(entry);
    }
    Collections.reverse(newer);
    return newer;
  }
}

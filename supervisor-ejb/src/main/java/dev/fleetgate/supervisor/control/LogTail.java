package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.entity.LogLine;
import java.util.ArrayDeque;
import java.util.List;

/** The last {@code capacity} lines a worker wrote, for the console (R7). Thread-safe. */
public final class LogTail {
  private final int capacity;
  private final ArrayDeque<LogLine> lines;

  public LogTail(int capacity) {
    this.capacity = capacity;
    this.lines = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  public synchronized void add(LogLine line) {
    if (capacity == 0) {
      return;
    }
    if (lines.size() == capacity) {
      lines.removeFirst();
    }
    lines.addLast(line);
  }

  /** Oldest first. */
  public synchronized List<LogLine> lines() {
    return List.copyOf(lines);
  }
}

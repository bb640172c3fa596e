package dev.fleetgate.admin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.LogLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogCursorTest {

  /** The fleet's kept lines by worker, numbered by one counter, as the supervisor keeps them. */
  final Map<Integer, List<LogEntry>> kept = new TreeMap<>();

  long numbers;

  final LogCursor.Reader reader =
      (id, after) -> {
        List<LogEntry> lines = kept.get(id);
        if (lines == null) {
          throw new NoSuchElementException("no worker " + id);
        }
        return lines.stream().filter(e -> e.number() > after).toList();
      };

  LogCursor cut = new LogCursor();

  void write(int worker, String text) {
    kept.computeIfAbsent(worker, id -> new ArrayList<>())
        .add(
            new LogEntry(
                ++numbers, worker, new LogLine(Instant.EPOCH, LogLine.Stream.STDOUT, text)));
  }

  static List<String> texts(List<LogEntry> entries) {
    return entries.stream().map(e -> e.workerId() + ":" + e.line().text()).toList();
  }

  @Test
  @DisplayName("R4 the first read gives the last lines of every worker in the order written")
  void firstReadGivesTheLastLinesInOrder() {
    write(0, "a");
    write(1, "b");
    write(0, "c");
    write(1, "d");

    assertEquals(List.of("0:c", "1:d"), texts(cut.first(kept.keySet(), reader, 2)));
  }

  @Test
  @DisplayName("R4 each later read gives each new line once, new workers' lines included")
  void laterReadsGiveEachNewLineOnce() {
    write(0, "old");
    write(1, "old");
    cut.first(kept.keySet(), reader, 0);

    write(1, "x");
    write(0, "y");
    assertEquals(List.of("1:x", "0:y"), texts(cut.next(kept.keySet(), reader)));
    assertEquals(List.of(), cut.next(kept.keySet(), reader));

    write(2, "new worker");
    write(0, "z");
    assertEquals(List.of("2:new worker", "0:z"), texts(cut.next(kept.keySet(), reader)));
  }

  @Test
  @DisplayName("R4 a worker that is gone is left out of all workers' lines")
  void leavesOutAGoneWorker() {
    write(0, "a");
    cut.first(kept.keySet(), reader, 10);
    write(0, "b");

    assertEquals(List.of("0:b"), texts(cut.next(List.of(0, 7), reader)));
  }

  @Test
  @DisplayName("R4 one worker: its last lines, then its new ones; gone is an exception")
  void followsOneWorker() {
    write(0, "a");
    write(1, "other");
    write(0, "b");
    assertEquals(List.of("0:b"), texts(cut.first(0, reader, 1)));

    write(0, "c");
    write(1, "other again");
    assertEquals(List.of("0:c"), texts(cut.next(0, reader)));

    kept.remove(0);
    assertThrows(NoSuchElementException.class, () -> cut.next(0, reader));
    assertThrows(NoSuchElementException.class, () -> new LogCursor().first(0, reader, 5));
  }

  @Test
  @DisplayName("R4 a worker that takes a gone worker's id continues above its numbers")
  void aReplacementOnTheSameIdIsRead() {
    write(0, "first life");
    cut.first(List.of(0), reader, 5);
    kept.remove(0);
    write(0, "second life");

    assertEquals(List.of("0:second life"), texts(cut.next(List.of(0), reader)));
  }
}

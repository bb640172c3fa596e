package dev.fleetgate.admin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.LogLine;
import dev.fleetgate.supervisor.entity.WorkerName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogCursorTest {

  /** The fleet's kept lines by worker, numbered by one counter, as the supervisor keeps them. */
  final Map<WorkerName, List<LogEntry>> kept = new LinkedHashMap<>();

  long numbers;

  final LogCursor.Reader reader =
      (worker, after) -> {
        List<LogEntry> lines = kept.get(worker);
        if (lines == null) {
          throw new NoSuchElementException("no worker " + worker);
        }
        return lines.stream().filter(e -> e.number() > after).toList();
      };

  LogCursor cut = new LogCursor();

  void write(int worker, String text) {
    write(new WorkerName("default", worker), Instant.EPOCH, text);
  }

  void write(WorkerName worker, Instant at, String text) {
    kept.computeIfAbsent(worker, id -> new ArrayList<>())
        .add(new LogEntry(++numbers, worker.id(), new LogLine(at, LogLine.Stream.STDOUT, text)));
  }

  static WorkerName w(int id) {
    return new WorkerName("default", id);
  }

  static List<String> texts(List<LogCursor.Line> lines) {
    return lines.stream().map(l -> l.worker() + ":" + l.entry().line().text()).toList();
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

    assertEquals(List.of("0:b"), texts(cut.next(List.of(w(0), w(7)), reader)));
  }

  @Test
  @DisplayName("R4 one worker: its last lines, then its new ones; gone is an exception")
  void followsOneWorker() {
    write(0, "a");
    write(1, "other");
    write(0, "b");
    assertEquals(List.of("0:b"), texts(cut.first(w(0), reader, 1)));

    write(0, "c");
    write(1, "other again");
    assertEquals(List.of("0:c"), texts(cut.next(w(0), reader)));

    kept.remove(w(0));
    assertThrows(NoSuchElementException.class, () -> cut.next(w(0), reader));
    assertThrows(NoSuchElementException.class, () -> new LogCursor().first(w(0), reader, 5));
  }

  @Test
  @DisplayName("R4 a worker that takes a gone worker's id continues above its numbers")
  void aReplacementOnTheSameIdIsRead() {
    write(0, "first life");
    cut.first(List.of(w(0)), reader, 5);
    kept.remove(w(0));
    write(0, "second life");

    assertEquals(List.of("0:second life"), texts(cut.next(List.of(w(0)), reader)));
  }

  @Test
  @DisplayName("R4 R7 workers of several apps: each line tagged with its app, oldest first")
  void readsTheWorkersOfSeveralApps() {
    WorkerName web0 = new WorkerName("web", 0);
    WorkerName api0 = new WorkerName("api", 0);
    write(api0, Instant.EPOCH.plusSeconds(2), "api second");
    write(web0, Instant.EPOCH.plusSeconds(1), "web first");
    write(web0, Instant.EPOCH.plusSeconds(3), "web third");

    List<LogCursor.Line> lines = cut.first(List.of(web0, api0), reader, 10);

    assertEquals(List.of("web/0:web first", "api/0:api second", "web/0:web third"), texts(lines));
    assertEquals("api", lines.get(1).app());

    write(api0, Instant.EPOCH.plusSeconds(4), "api again");
    assertEquals(List.of("api/0:api again"), texts(cut.next(List.of(web0, api0), reader)));
  }
}

package dev.fleetgate.supervisor.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.LogLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R7: the last N lines in memory, and size-rotated files on disk. */
class LogFilesTest {
  @TempDir Path dir;

  static LogLine line(String text) {
    return new LogLine(Instant.parse("2026-01-01T00:00:00Z"), LogLine.Stream.STDOUT, text);
  }

  @Test
  void r7_keepsOnlyTheLastLinesInMemory() {
    LogTail cut = new LogTail(0, 3, new AtomicLong()::incrementAndGet);
    for (int i = 1; i <= 5; i++) {
      cut.add(line("line " + i));
    }
    assertEquals(
        List.of("line 3", "line 4", "line 5"), cut.lines().stream().map(LogLine::text).toList());
  }

  @Test
  void r7_1_givesTheKeptLinesAfterANumberOnceEach() {
    AtomicLong numbers = new AtomicLong();
    LogTail cut = new LogTail(4, 3, numbers::incrementAndGet);
    LogTail other = new LogTail(5, 3, numbers::incrementAndGet);
    cut.add(line("a")); // 1
    other.add(line("x")); // 2
    cut.add(line("b")); // 3

    assertEquals(List.of(1L, 3L), cut.after(0).stream().map(LogEntry::number).toList());
    assertEquals(List.of("b"), cut.after(1).stream().map(e -> e.line().text()).toList());
    assertEquals(List.of(), cut.after(3));
    cut.add(line("c")); // 4
    cut.add(line("d")); // 5
    cut.add(line("e")); // 6, "a" and "b" drop out
    assertEquals(List.of(4L, 5L, 6L), cut.after(3).stream().map(LogEntry::number).toList());
    assertEquals(List.of(4L, 5L, 6L), cut.after(0).stream().map(LogEntry::number).toList());
    assertEquals(4, cut.after(0).get(0).workerId());
  }

  @Test
  void r7_rotatesBySizeAndKeepsAtMostMaxFiles() throws IOException {
    Path file = dir.resolve("worker-0.log");
    try (RotatingLogFile cut = new RotatingLogFile(file, 200, 2)) {
      for (int i = 0; i < 20; i++) {
        cut.write(line("a line of about forty characters #" + i));
      }
    }
    assertTrue(Files.size(file) <= 200);
    assertTrue(Files.exists(dir.resolve("worker-0.log.1")));
    assertTrue(Files.exists(dir.resolve("worker-0.log.2")));
    assertFalse(Files.exists(dir.resolve("worker-0.log.3")));
    assertTrue(Files.readString(file).contains("#19"));
    assertTrue(Files.readString(file).contains(" out | "));
  }
}

package dev.fleetgate.proxy.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R3, R4: the access log's own file, rotated by size, handed from one configuration to the next.
 */
class AccessLogFileTest {
  @TempDir Path dir;

  static AccessLogSettings toFile(Path file, long maxSize, int maxFiles) {
    return new AccessLogSettings(
        true, false, TextFormat.parse("k", "{path}"), Optional.of(file), maxSize, maxFiles);
  }

  static AccessLog.Entry request(String path) {
    return new AccessLog.Entry(
        0, "id", "::1", "GET", path, 200, 0, 0, "default", 0, 0, 0, 0, "HTTP/1.1", null);
  }

  /** Every line of every file of the log, oldest file first. */
  List<String> lines(String name) throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.list(dir)) {
      files =
          all.filter(p -> p.getFileName().toString().matches("\\Q" + name + "\\E\\.\\d+"))
              .sorted(
                  (a, b) -> Integer.compare(generation(b), generation(a))) // .9 is older than .0
              .toList();
    }
    List<String> lines = new ArrayList<>();
    for (Path file : files) {
      lines.addAll(Files.readAllLines(file));
    }
    return lines;
  }

  static int generation(Path file) {
    String name = file.getFileName().toString();
    return Integer.parseInt(name.substring(name.lastIndexOf('.') + 1));
  }

  @Test
  void r3_rotatesBySizeWithoutLosingALine() throws IOException {
    AccessLog cut = AccessLog.open(toFile(dir.resolve("access.log"), 100, 50), null);

    IntStream.range(0, 40).forEach(i -> cut.log(request("/request-" + i)));
    cut.close(null);

    List<String> expected = IntStream.range(0, 40).mapToObj(i -> "/request-" + i).toList();
    assertEquals(expected, lines("access.log"), "every line, in order, across the files");
    assertTrue(Files.exists(dir.resolve("access.log.3")), "rotated: 40 lines of 11-12 bytes");
    assertFalse(Files.exists(dir.resolve("access.log.0.lck")), "closed: no lock file left");
  }

  @Test
  void r3_keepsMaxFilesAndAppendsAfterARestart() throws IOException {
    Path file = dir.resolve("access.log");
    AccessLog first = AccessLog.open(toFile(file, 0, 3), null);
    first.log(request("/before"));
    first.close(null);

    AccessLog restarted = AccessLog.open(toFile(file, 0, 3), null);
    restarted.log(request("/after"));
    restarted.close(null);

    assertEquals(List.of("/before", "/after"), lines("access.log"), "appended, not truncated");
  }

  @Test
  void r3_createsMissingDirectories() throws IOException {
    AccessLog cut = AccessLog.open(toFile(dir.resolve("logs/proxy/access.log"), 0, 2), null);
    cut.log(request("/x"));
    cut.close(null);

    assertEquals(List.of("/x"), Files.readAllLines(dir.resolve("logs/proxy/access.log.0")));
  }

  @Test
  void r4_aReloadWithTheSameFileKeepsWritingItAndClosesItOnlyAtTheEnd() throws IOException {
    Path file = dir.resolve("access.log");
    AccessLog old = AccessLog.open(toFile(file, 0, 2), null);
    AccessLog reloaded = AccessLog.open(toFile(file, 0, 2), old);
    old.close(reloaded);

    old.log(request("/under-way")); // a request that started before the reload
    reloaded.log(request("/new"));
    assertTrue(Files.exists(dir.resolve("access.log.0.lck")), "still open");
    reloaded.close(null);

    assertEquals(List.of("/under-way", "/new"), lines("access.log"));
    assertFalse(Files.exists(dir.resolve("access.log.1")), "one file, not a second beside it");
    assertFalse(Files.exists(dir.resolve("access.log.0.lck")), "closed by the last one");
  }

  @Test
  void r4_aReloadToAnotherFileClosesTheOldOneAndLateLinesGoToTheNew() throws IOException {
    AccessLog old = AccessLog.open(toFile(dir.resolve("old.log"), 0, 2), null);
    old.log(request("/before"));
    AccessLog reloaded = AccessLog.open(toFile(dir.resolve("new.log"), 0, 2), old);
    old.close(reloaded);

    assertFalse(Files.exists(dir.resolve("old.log.0.lck")), "the old file is closed");
    old.log(request("/under-way"));
    reloaded.close(null);

    assertEquals(List.of("/before"), lines("old.log"));
    assertEquals(List.of("/under-way"), lines("new.log"), "not lost: written as now configured");
  }

  @Test
  void r4_aLineAfterTheLastCloseGoesToTheServerLog() {
    AccessLog cut = AccessLog.open(toFile(dir.resolve("access.log"), 0, 2), null);
    cut.close(null);
    List<String> serverLog = new ArrayList<>();
    Logger access = Logger.getLogger("fleetgate.access");
    Handler listener =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            serverLog.add(String.valueOf(record.getParameters()[0]));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    access.addHandler(listener);
    try {
      cut.log(request("/late"));
    } finally {
      access.removeHandler(listener);
    }
    assertEquals(List.of("/late"), serverLog);
  }
}

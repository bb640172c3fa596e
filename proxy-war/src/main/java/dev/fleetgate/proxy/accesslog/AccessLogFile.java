package dev.fleetgate.proxy.accesslog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The access log's own file (R3), rotated by size by the JDK's {@link FileHandler}: {@code
 * <file>.0} is written, and once it passed {@code max-size} it becomes {@code <file>.1}, the older
 * ones shift up and the oldest of {@code max-files} is dropped. Lines only, no logger prefix;
 * appended to what an earlier run left. Shared by the configurations that name the same file and
 * rotation, closed when the last of them closes.
 */
final class AccessLogFile {
  /** The message alone, one line: a request's line has no line break of its own. */
  private static final Formatter LINE =
      new Formatter() {
        @Override
        public String format(LogRecord record) {
          return record.getMessage() + "\n";
        }
      };

  private final Path path;
  private final long maxSize;
  private final int maxFiles;
  private final FileHandler handler;

  /** Configurations writing here; guarded by the handler's monitor. */
  private int users = 1;

  private AccessLogFile(Path path, long maxSize, int maxFiles, FileHandler handler) {
    this.path = path;
    this.maxSize = maxSize;
    this.maxFiles = maxFiles;
    this.handler = handler;
  }

  static AccessLogFile open(AccessLogSettings settings) throws IOException {
    Path path = settings.file().orElseThrow();
    Files.createDirectories(path.getParent());
    // %g is the generation; a % of the path itself is escaped. Appended to, never truncated.
    FileHandler handler =
        new FileHandler(
            path.toString().replace("%", "%%") + ".%g",
            settings.maxSize(),
            settings.maxFiles(),
            true);
    handler.setEncoding(StandardCharsets.UTF_8.name());
    handler.setFormatter(LINE); // the server's logging.properties may name another for all files
    handler.setFilter(null);
    handler.setLevel(Level.ALL);
    return new AccessLogFile(path, settings.maxSize(), settings.maxFiles(), handler);
  }

  /** The file lines go to now. */
  Path current() {
    return Path.of(path + ".0");
  }

  /** Whether {@code settings} name this file with this rotation. */
  boolean writes(AccessLogSettings settings) {
    return settings.file().map(path::equals).orElse(false)
        && settings.maxSize() == maxSize
        && settings.maxFiles() == maxFiles;
  }

  /**
   * Appends one line.
   *
   * @return false when the file is closed (the line was not written)
   */
  boolean write(String line) {
    LogRecord record = new LogRecord(Level.INFO, line);
    // The monitor FileHandler.publish takes anyway (it is synchronized): no lock of our own, and a
    // close cannot slip in between the check and the write.
    synchronized (handler) {
      if (users == 0) {
        return false;
      }
      handler.publish(record);
      return true;
    }
  }

  /** One more configuration writes here; false when the file is already closed. */
  boolean retain() {
    synchronized (handler) {
      if (users == 0) {
        return false;
      }
      users++;
      return true;
    }
  }

  /** A configuration stopped writing here: the last one closes the file (and its lock file). */
  void release() {
    synchronized (handler) {
      if (users > 0 && --users == 0) {
        handler.close();
      }
    }
  }
}

package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.entity.LogLine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One worker's log file, rotated by size like supervisord's {@code logfile_maxbytes} / {@code
 * logfile_backups} (R7): {@code worker-0.log} is renamed {@code worker-0.log.1} when it would grow
 * past {@code maxSize}, older ones shift up, and at most {@code maxFiles} rotated files are kept.
 */
public final class RotatingLogFile implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RotatingLogFile.class.getName());

  private final Path file;
  private final long maxSize;
  private final int maxFiles;
  private OutputStream out;
  private long size;
  private boolean broken;

  public RotatingLogFile(Path file, long maxSize, int maxFiles) {
    this.file = file;
    this.maxSize = maxSize;
    this.maxFiles = maxFiles;
  }

  public synchronized void write(LogLine line) {
    if (broken) {
      return;
    }
    byte[] bytes =
        (line.at()
                + " "
                + (line.stream() == LogLine.Stream.STDOUT ? "out" : "err")
                + " | "
                + line.text()
                + "\n")
            .getBytes(StandardCharsets.UTF_8);
    try {
      if (out == null) {
        open();
      } else if (maxSize > 0 && size + bytes.length > maxSize) {
        rotate();
      }
      out.write(bytes);
      out.flush();
      size += bytes.length;
    } catch (IOException e) {
      // A full disk must not stop the worker: keep its lines in memory only, say so once.
      broken = true;
      LOG.log(Level.WARNING, "Cannot write worker log {0}: {1}", new Object[] {file, e});
    }
  }

  private void open() throws IOException {
    Files.createDirectories(file.getParent());
    out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    size = Files.size(file);
  }

  private void rotate() throws IOException {
    out.close();
    Files.deleteIfExists(rotated(maxFiles));
    for (int i = maxFiles - 1; i >= 1; i--) {
      if (Files.exists(rotated(i))) {
        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    open();
  }

  private Path rotated(int index) {
    return file.resolveSibling(file.getFileName() + "." + index);
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "Closing worker log", e);
      }
      out = null;
    }
  }
}

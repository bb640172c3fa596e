package dev.fleetgate.supervisor.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fleetgate's folder on disk ({@code fleetgate.state-dir}): a lock so two servers never share it,
 * the files extracted from this jar (guard script, sample worker), and the pid file that lets a new
 * start clean up workers an earlier, crashed run left behind (R6).
 */
public final class StateDirectory implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(StateDirectory.class.getName());

  /** One line of the pid file: a worker process this server started ({@code api/0 pid start}). */
  record Entry(String worker, long pid, Instant started) {}

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Map<String, Entry> running = new ConcurrentSkipListMap<>();

  private StateDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Creates and locks the folder; fails when another live Fleetgate holds it. */
  public static StateDirectory open(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path lockFile = dir.resolve("fleetgate.lock");
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          "fleetgate.state-dir " + dir + " is in use by another running Fleetgate");
    }
    channel.truncate(0);
    channel.write(StandardCharsets.US_ASCII.encode(ProcessHandle.current().pid() + "\n"));
    return new StateDirectory(dir, channel, lock);
  }

  public Path path() {
    return dir;
  }

  /** Copies a resource next to {@code anchor} into the folder (when changed) and returns it. */
  public Path extract(Class<?> anchor, String resource) {
    Path target = dir.resolve(resource);
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + resource + " in Fleetgate's jar");
      }
      byte[] bytes = in.readAllBytes();
      if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
        Path temp = Files.createTempFile(dir, resource, ".tmp");
        Files.write(temp, bytes);
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the process groups of workers recorded by an earlier run that are still alive. */
  public int killLeftovers() {
    int killed = 0;
    for (Entry entry : readPidFile()) {
      Optional<ProcessHandle> process = ProcessHandle.of(entry.pid());
      // A pid may have been reused since: only a process that started when ours did is ours.
      boolean ours =
          process
              .flatMap(p -> p.info().startInstant())
              .map(s -> Math.abs(s.toEpochMilli() - entry.started().toEpochMilli()) < 2000)
              .orElse(false);
      if (ours) {
        LOG.log(
            Level.WARNING,
            "Killing worker {0} (pid {1}) left running by an earlier Fleetgate",
            new Object[] {entry.worker(), Long.toString(entry.pid())});
        ProcessTree.killGroup(process.get());
        killed++;
      }
    }
    writePidFile();
    return killed;
  }

  /** Records a worker's process, by its name across apps ({@code api/0}, or {@code 0}). */
  public void recordRunning(String worker, long pid) {
    Instant started =
        ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).orElse(Instant.now());
    running.put(worker, new Entry(worker, pid, started));
    writePidFile();
  }

  public void forgetRunning(String worker, long pid) {
    Entry entry = running.get(worker);
    if (entry != null && entry.pid() == pid && running.remove(worker, entry)) {
      writePidFile();
    }
  }

  private List<Entry> readPidFile() {
    Path file = dir.resolve("workers.pids");
    List<Entry> entries = new ArrayList<>();
    if (!Files.exists(file)) {
      return entries;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        String[] f = line.trim().split("\\s+");
        if (f.length == 3) {
          entries.add(
              new Entry(f[0], Long.parseLong(f[1]), Instant.ofEpochMilli(Long.parseLong(f[2]))));
        }
      }
    } catch (IOException | NumberFormatException e) {
      LOG.log(Level.WARNING, "Ignoring unreadable pid file {0}: {1}", new Object[] {file, e});
    }
    return entries;
  }

  private synchronized void writePidFile() {
    StringBuilder text = new StringBuilder();
    for (Entry e : running.values()) {
      text.append(e.worker())
          .append(' ')
          .append(e.pid())
          .append(' ')
          .append(e.started().toEpochMilli())
          .append('\n');
    }
    try {
      Path temp = dir.resolve("workers.pids.tmp");
      Files.writeString(temp, text);
      Files.move(
          temp,
          dir.resolve("workers.pids"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot write the pid file in {0}: {1}", new Object[] {dir, e});
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "Releasing the state-dir lock", e);
    }
  }
}

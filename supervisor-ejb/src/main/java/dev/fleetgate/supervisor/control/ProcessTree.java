package dev.fleetgate.supervisor.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads and ends whole process trees through /proc and {@link ProcessHandle} (Linux). */
public final class ProcessTree {
  private ProcessTree() {}

  /** Resident memory of {@code pid} and all its descendants in bytes, or -1 when unknown. */
  public static long residentBytes(long pid) {
    Optional<ProcessHandle> root = ProcessHandle.of(pid);
    if (root.isEmpty()) {
      return -1;
    }
    long total =
        Stream.concat(Stream.of(root.get()), root.get().descendants())
            .mapToLong(p -> residentBytesOf(p.pid()))
            .filter(v -> v > 0)
            .sum();
    return total == 0 ? -1 : total;
  }

  /**
   * CPU time used so far by {@code pid} and its live descendants, in clock ticks (user + system,
   * usually 100 per second), or -1 when unknown.
   */
  public static long cpuTicks(long pid) {
    Optional<ProcessHandle> root = ProcessHandle.of(pid);
    if (root.isEmpty()) {
      return -1;
    }
    return Stream.concat(Stream.of(root.get()), root.get().descendants())
        .mapToLong(p -> cpuTicksOf(p.pid()))
        .filter(v -> v >= 0)
        .sum();
  }

  static long cpuTicksOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name in parentheses may hold spaces: count fields after its closing one.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static long residentBytesOf(long pid) {
    try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
      return lines
          .filter(l -> l.startsWith("VmRSS:"))
          .findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
          .orElse(-1L);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** SIGKILL to the process group led by {@code leader}, its descendants and itself. */
  public static void killGroup(ProcessHandle leader) {
    if (leader.pid() <= 1) {
      throw new IllegalArgumentException("refusing to kill process group " + leader.pid());
    }
    try {
      // The shell's builtin kill: procps' /bin/kill reads "-KILL -1234" as options and can end up
      // signalling every process (-1); the builtin takes "-1234" as the group, as POSIX says.
      new ProcessBuilder("/bin/sh", "-c", "kill -KILL \"-$1\"", "sh", Long.toString(leader.pid()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (IOException e) {
      // No shell: the descendants below still go.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    leader.descendants().forEach(ProcessHandle::destroyForcibly);
    leader.destroyForcibly();
  }
}

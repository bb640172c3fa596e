package dev.fleetgate.supervisor.control;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads and ends whole process trees through /proc and {@link ProcessHandle} (Linux). */
public final class ProcessTree {
  private ProcessTree() {}

  /** How long one read of the process table serves: every app's sample in a tick shares it. */
  private static final long TABLE_MAX_AGE_NANOS = 1_000_000_000L;

  private record Table(long takenNanos, Map<Long, List<Long>> children) {}

  private static volatile Table table;

  /**
   * {@code pid} and all its descendants, from a reading of {@code /proc} at most a second old.
   * {@link ProcessHandle#descendants()} reads every process of the machine on each call; with
   * several apps sampling their workers every 2 s, that was most of an idle server's CPU.
   */
  static List<Long> treeOf(long pid) {
    Table current = table;
    long now = System.nanoTime();
    if (current == null || now - current.takenNanos() > TABLE_MAX_AGE_NANOS) {
      current = new Table(now, childrenByParent());
      table = current;
    }
    List<Long> tree = new ArrayList<>();
    tree.add(pid);
    for (int i = 0; i < tree.size(); i++) {
      tree.addAll(current.children().getOrDefault(tree.get(i), List.of()));
    }
    return tree;
  }

  private static Map<Long, List<Long>> childrenByParent() {
    Map<Long, List<Long>> children = new HashMap<>();
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"))) {
      for (Path process : processes) {
        String name = process.getFileName().toString();
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
          long parent = parentOf(process);
          if (parent > 0) {
            children.computeIfAbsent(parent, p -> new ArrayList<>()).add(Long.parseLong(name));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return children;
  }

  private static long parentOf(Path process) {
    try {
      String stat = Files.readString(process.resolve("stat"));
      // The command name in parentheses may hold spaces: count fields after its closing one.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
      return Long.parseLong(fields[1]);
    } catch (IOException | RuntimeException goneMeanwhile) {
      return -1;
    }
  }

  /** Resident memory of {@code pid} and all its descendants in bytes, or -1 when unknown. */
  public static long residentBytes(long pid) {
    if (ProcessHandle.of(pid).isEmpty()) {
      return -1;
    }
    long total =
        treeOf(pid).stream().mapToLong(ProcessTree::residentBytesOf).filter(v -> v > 0).sum();
    return total == 0 ? -1 : total;
  }

  /**
   * CPU time used so far by {@code pid} and its live descendants, in clock ticks (user + system,
   * usually 100 per second), or -1 when unknown.
   */
  public static long cpuTicks(long pid) {
    if (ProcessHandle.of(pid).isEmpty()) {
      return -1;
    }
    return treeOf(pid).stream().mapToLong(ProcessTree::cpuTicksOf).filter(v -> v >= 0).sum();
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

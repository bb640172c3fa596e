package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.entity.ExitStatus;
import dev.fleetgate.supervisor.entity.LogLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One OS process of a worker, started through the worker guard script (R5, R6, R7). The guard is
 * this JVM's child; the worker is the guard's child in a session of its own. Stopping means telling
 * the guard, which signals the worker's whole process group; if this JVM dies, the guard sees its
 * stdin close and does the same.
 */
public final class WorkerProcess {
  private static final Logger LOG = Logger.getLogger(WorkerProcess.class.getName());
  private static final String PID_MARKER = "fleetgate-guard: worker pid ";
  private static final int MAX_LINE = 8192;

  /** What to run and how. */
  public record Launch(
      Path guardScript,
      List<String> command,
      Optional<Path> directory,
      Map<String, String> environment,
      Duration stopGrace,
      Duration orphanGrace) {}

  private final Process guard;
  private final OutputStream orders;
  private final CompletableFuture<Long> pid = new CompletableFuture<>();
  private final CompletableFuture<Void> stdoutDrained = new CompletableFuture<>();
  private final CompletableFuture<Void> stderrDrained = new CompletableFuture<>();
  private final CompletableFuture<ExitStatus> exited;
  private final Instant startedAt;
  private final Duration stopGrace;
  private final ScheduledExecutorService scheduler;

  private WorkerProcess(
      Process guard,
      Instant startedAt,
      Duration stopGrace,
      ScheduledExecutorService scheduler,
      Clock clock) {
    this.guard = guard;
    this.orders = guard.getOutputStream();
    this.startedAt = startedAt;
    this.stopGrace = stopGrace;
    this.scheduler = scheduler;
    // The exit is reported once the worker's last lines are read too, so a log never misses its
    // final words; a grandchild still holding the pipes open delays that by one second at most.
    CompletableFuture<Void> drained = CompletableFuture.allOf(stdoutDrained, stderrDrained);
    this.exited =
        guard
            .onExit()
            .thenCompose(p -> drained.copy().completeOnTimeout(null, 1, TimeUnit.SECONDS))
            .thenApply(done -> ExitStatus.fromShellStatus(guard.exitValue(), clock.instant()));
  }

  /** Starts the guard and the worker; output lines go to {@code output} as they arrive. */
  public static WorkerProcess start(
      Launch launch,
      ThreadFactory readers,
      ScheduledExecutorService scheduler,
      Clock clock,
      Consumer<LogLine> output)
      throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add("/bin/sh");
    argv.add(launch.guardScript().toString());
    argv.add(seconds(launch.stopGrace()));
    argv.add(seconds(launch.orphanGrace()));
    argv.addAll(launch.command());
    ProcessBuilder builder = new ProcessBuilder(argv);
    launch.directory().ifPresent(dir -> builder.directory(dir.toFile()));
    builder.environment().putAll(launch.environment());
    Process guard = builder.start();
    WorkerProcess process =
        new WorkerProcess(guard, clock.instant(), launch.stopGrace(), scheduler, clock);
    process.read(guard.getInputStream(), LogLine.Stream.STDOUT, readers, clock, output);
    process.read(guard.getErrorStream(), LogLine.Stream.STDERR, readers, clock, output);
    return process;
  }

  /** The worker's pid once the guard reported it; -1 before. */
  public long pid() {
    return pid.getNow(-1L);
  }

  public CompletableFuture<Long> pidReported() {
    return pid;
  }

  public CompletableFuture<ExitStatus> exited() {
    return exited;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public boolean alive() {
    return guard.isAlive();
  }

  /** SIGTERM to the worker's process group, SIGKILL after the stop grace period. */
  public void stop() {
    order("stop", stopGrace);
  }

  /** SIGKILL to the worker's process group now. */
  public void kill() {
    order("kill", Duration.ZERO);
  }

  private void order(String order, Duration grace) {
    try {
      orders.write((order + "\n").getBytes(StandardCharsets.US_ASCII));
      orders.flush();
    } catch (IOException e) {
      LOG.log(Level.FINE, "Guard of worker pid {0} already gone: {1}", new Object[] {pid(), e});
    }
    // Should the guard itself be stuck, kill it and everything under it from here.
    scheduler.schedule(this::forceKill, grace.toMillis() + 3000, TimeUnit.MILLISECONDS);
  }

  private void forceKill() {
    if (!guard.isAlive()) {
      return;
    }
    LOG.log(Level.WARNING, "Worker guard {0} did not finish; killing its tree", guard.pid());
    guard.descendants().forEach(ProcessHandle::destroyForcibly);
    guard.destroyForcibly();
  }

  private void read(
      InputStream stream,
      LogLine.Stream kind,
      ThreadFactory readers,
      Clock clock,
      Consumer<LogLine> output) {
    Thread reader =
        readers.newThread(
            () -> {
              try (Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0) {
                  if (c == '\n' || line.length() >= MAX_LINE) {
                    deliver(line, kind, clock, output);
                    line.setLength(0);
                    if (c != '\n') {
                      line.append((char) c);
                    }
                  } else if (c != '\r') {
                    line.append((char) c);
                  }
                }
                if (line.length() > 0) {
                  deliver(line, kind, clock, output);
                }
              } catch (IOException e) {
                LOG.log(Level.FINE, "Worker output closed", e);
              } finally {
                if (kind == LogLine.Stream.STDERR) {
                  pid.complete(-1L); // the guard ended without reporting a worker
                  stderrDrained.complete(null);
                } else {
                  stdoutDrained.complete(null);
                }
              }
            });
    reader.setName("fleetgate-worker-" + kind.name().toLowerCase() + "-" + guard.pid());
    reader.setDaemon(true);
    reader.start();
  }

  private void deliver(
      CharSequence text, LogLine.Stream kind, Clock clock, Consumer<LogLine> output) {
    String line = text.toString();
    if (kind == LogLine.Stream.STDERR && !pid.isDone() && line.startsWith(PID_MARKER)) {
      pid.complete(Long.parseLong(line.substring(PID_MARKER.length()).trim()));
      return;
    }
    output.accept(new LogLine(clock.instant(), kind, line));
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
  }
}

package dev.fleetgate.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample worker run as its own process, the way the supervisor runs it, from {@code
 * target/classes} (the jar does not exist yet in the test phase). Closing it kills the process if
 * it still runs, so a failing test leaves nothing behind.
 */
final class WorkerProcess implements AutoCloseable {

  /** The flags the supervisor starts workers with. */
  static final List<String> JVM_FLAGS =
      List.of("-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1");

  final Process process;
  final Output stdout;
  final Output stderr;

  private WorkerProcess(Process process) {
    this.process = process;
    this.stdout = new Output(process.getInputStream(), "stdout");
    this.stderr = new Output(process.getErrorStream(), "stderr");
  }

  /** Starts a worker with exactly {@code env} as its worker settings; none is inherited. */
  static WorkerProcess start(Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.addAll(List.of("-cp", classes().toString(), SampleWorker.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(
            name ->
                name.equals("PORT")
                    || name.equals("HOST")
                    || name.equals("WORKER_ID")
                    || name.startsWith("SAMPLE_WORKER_"));
    builder.environment().putAll(env);
    return new WorkerProcess(builder.start());
  }

  /** Waits for the process to end and answers its exit code; fails after {@code timeout}. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("worker still running after " + timeout);
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Path classes() {
    try {
      return Path.of(
          SampleWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One output stream of the process, read line by line on its own daemon thread. */
  static final class Output {

    private final List<String> lines = new ArrayList<>();
    private final String name;
    private boolean ended;

    Output(InputStream stream, String name) {
      this.name = name;
      Thread reader = new Thread(() -> readAll(stream), "worker-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits for a line matching {@code pattern} and answers its match; fails after timeout. */
    synchronized Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      for (int seen = 0; ; ) {
        for (; seen < lines.size(); seen++) {
          Matcher matcher = pattern.matcher(lines.get(seen));
          if (matcher.matches()) {
            return matcher;
          }
        }
        long left = deadline - System.nanoTime();
        if (ended || left <= 0) {
          throw new AssertionError(
              "no "
                  + name
                  + " line matching "
                  + pattern
                  + (ended ? "; stream ended" : "")
                  + "; lines: "
                  + lines);
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }

    /** Every line so far, once the stream has ended or {@code timeout} passed. */
    synchronized List<String> linesAfterEnd(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      for (long left = timeout.toNanos(); !ended && left > 0; left = deadline - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return List.copyOf(lines);
    }

    private void readAll(InputStream stream) {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          synchronized (this) {
            lines.add(line);
            notifyAll();
          }
        }
      } catch (IOException closed) {
        // the process is gone
      } finally {
        synchronized (this) {
          ended = true;
          notifyAll();
        }
      }
    }
  }
}

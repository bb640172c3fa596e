package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.config.SupervisorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns the configured command words into the program and arguments to run. */
public final class WorkerCommand {
  private WorkerCommand() {}

  /**
   * Replaces {@link SupervisorConfig#SAMPLE_WORKER} by the bundled sample worker, run on this
   * server's own java with a small heap, from a copy in the state directory.
   */
  public static List<String> expand(List<String> words, StateDirectory stateDir) {
    List<String> command = new ArrayList<>();
    for (String word : words) {
      if (SupervisorConfig.SAMPLE_WORKER.equals(word)) {
        Path jar = stateDir.extract(WorkerCommand.class, "sample-worker.jar");
        command.addAll(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-Xmx64m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString()));
      } else {
        command.add(word);
      }
    }
    return List.copyOf(command);
  }
}

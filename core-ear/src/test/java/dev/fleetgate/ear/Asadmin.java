package dev.fleetgate.ear;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Payara Server's asadmin, as an operator would, and fails loudly when a command fails. */
final class Asadmin {
  private final Path home;
  private final Map<String, String> environment;

  Asadmin(Path home, Map<String, String> environment) {
    this.home = home;
    this.environment = environment;
  }

  String run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/asadmin").toString());
    command.add("--interactive=false");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("AS_JAVA", System.getProperty("java.home"));
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("asadmin " + String.join(" ", args) + " hung");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "asadmin "
                + String.join(" ", args)
                + " failed ("
                + process.exitValue()
                + "):\n"
                + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Like {@link #run}, for clean-up: a failure is reported, not thrown. */
  void tryRun(String... args) {
    try {
      run(args);
    } catch (IllegalStateException e) {
      System.err.println("clean-up: " + e.getMessage());
    }
  }
}

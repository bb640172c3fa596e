package dev.fleetgate.ear;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A Payara Server domain driven with {@code asadmin}, as an operator would: created on ports that
 * are free, started, configured, given an application, and removed again. Every command is bounded
 * in time; {@link #remove()} never throws, and a JVM shutdown hook ends the server if the test JVM
 * is stopped before it ran.
 */
final class PayaraDomain {
  /** What {@code create-domain --portbase} adds to the base for each port it assigns. */
  static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};

  /** Candidate bases: 24000, 24100 ... 29900, without 28000, which a colleague's tests use. */
  static final int[] PORT_BASES =
      IntStream.rangeClosed(240, 299).map(i -> i * 100).filter(b -> b != 28000).toArray();

  static final Duration COMMAND_LIMIT = Duration.ofSeconds(120);

  private final Path home;
  private final String name;
  private final Path logDir;
  private final int portBase;
  private final Thread killOnExit = new Thread(this::killServer, "payara-domain-kill-on-exit");
  private volatile Optional<ProcessHandle> server = Optional.empty();
  private volatile Process running;
  private int commands;

  private PayaraDomain(Path home, String name, Path logDir, int portBase) {
    this.home = home;
    this.name = name;
    this.logDir = logDir;
    this.portBase = portBase;
  }

  /** Creates the domain on the first port base whose ports are all free, with no admin password. */
  static PayaraDomain create(Path home, String name, Path logDir) {
    PayaraDomain domain = new PayaraDomain(home, name, logDir, freePortBase());
    domain.clearLogs();
    Runtime.getRuntime().addShutdownHook(domain.killOnExit);
    if (Files.isDirectory(domain.directory())) { // left by a run that was killed
      domain.tryAsadmin("stop-domain", name);
      domain.tryAsadmin("delete-domain", name);
    }
    domain.asadmin(
        "create-domain", "--nopassword", "--portbase", Integer.toString(domain.portBase), name);
    return domain;
  }

  int portBase() {
    return portBase;
  }

  int adminPort() {
    return portBase + 48;
  }

  int httpPort() {
    return portBase + 80;
  }

  Path directory() {
    return home.resolve("glassfish/domains").resolve(name);
  }

  void start() {
    try {
      asadmin("start-domain", name);
    } finally {
      server = serverProcess();
    }
  }

  /**
   * Stops the server and starts a new one: JVM options take effect only in a new JVM. Not {@code
   * restart-domain}: there the old server spawns the new one, out of reach of {@link #killServer}
   * while the test JVM is going down.
   */
  void restart() {
    asadmin("stop-domain", name);
    start();
  }

  /** Adds launcher options; {@code :} separates options for asadmin, so it is escaped in values. */
  void addJvmOptions(List<String> options) {
    List<String> escaped = options.stream().map(o -> o.replace(":", "\\:")).toList();
    remote("create-jvm-options", "--", String.join(":", escaped));
  }

  /** Sets dotted-name attributes of the domain's configuration ({@code asadmin set}). */
  void set(String... assignments) {
    List<String> args = new ArrayList<>(List.of("set"));
    args.addAll(List.of(assignments));
    remote(args.toArray(String[]::new));
  }

  /** Any other remote asadmin command, as an operator would type it. */
  void run(String... args) {
    remote(args);
  }

  void deploy(String application, Path archive) {
    remote("deploy", "--name", application, archive.toString());
  }

  void undeploy(String application) {
    remote("undeploy", application);
  }

  boolean tryUndeploy(String application) {
    return tryAsadmin(remoteArgs("undeploy", application));
  }

  Path serverLog() {
    return directory().resolve("logs/server.log");
  }

  /**
   * Stops the server (by force if it does not stop), keeps its log in the log folder, and deletes
   * the domain. Reports problems instead of throwing: it runs in clean-up.
   */
  void remove() {
    tryAsadmin("stop-domain", name);
    killServer();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverAdded) {
      // nothing to remove
    }
    try {
      if (Files.exists(serverLog())) {
        Files.copy(serverLog(), logDir.resolve("server.log"), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      System.err.println("clean-up: cannot keep server.log: " + e);
    }
    tryAsadmin("delete-domain", name);
  }

  /**
   * The last resort: ends by force an asadmin command still running (with the server it may be
   * starting) and the domain's server JVM, the one last seen and the one its pid file names now.
   */
  private void killServer() {
    Process command = running;
    if (command != null && command.isAlive()) {
      command.descendants().forEach(ProcessHandle::destroyForcibly);
      command.destroyForcibly();
    }
    Stream.concat(server.stream(), serverProcess().stream())
        .filter(ProcessHandle::isAlive)
        .distinct()
        .forEach(
            p -> {
              System.err.println("clean-up: killing Payara Server pid " + p.pid());
              p.destroyForcibly();
            });
  }

  /** The server's JVM, from the pid file it writes once started, if it runs this domain. */
  private Optional<ProcessHandle> serverProcess() {
    try {
      String pid = Files.readString(directory().resolve("config/pid")).trim();
      return ProcessHandle.of(Long.parseLong(pid))
          .filter(
              p ->
                  p.info()
                      .commandLine()
                      .map(line -> line.contains(directory().toString()))
                      .orElse(false));
    } catch (IOException | NumberFormatException noServer) {
      return Optional.empty();
    }
  }

  private void clearLogs() {
    try (Stream<Path> old = Files.exists(logDir) ? Files.list(logDir) : Stream.empty()) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("clearing " + logDir, e);
    }
  }

  private void remote(String... args) {
    asadmin(remoteArgs(args));
  }

  private String[] remoteArgs(String... args) {
    List<String> all = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "" + adminPort()));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  private boolean tryAsadmin(String... args) {
    try {
      asadmin(args);
      return true;
    } catch (IllegalStateException e) {
      System.err.println("clean-up: " + e.getMessage());
      return false;
    }
  }

  /** Runs one asadmin command; its output goes to a file of its own in the log folder. */
  private void asadmin(String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/asadmin").toString());
    command.add("--interactive=false");
    command.addAll(List.of(args));
    String line = String.join(" ", args);
    try {
      Files.createDirectories(logDir);
      Path output = logDir.resolve(String.format("asadmin-%02d.log", ++commands));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      // Nothing from the caller's shell may configure asadmin or Fleetgate behind the test's back.
      builder.environment().keySet().removeIf(k -> k.startsWith("AS_ADMIN_"));
      builder.environment().keySet().removeIf(k -> k.startsWith("FLEETGATE_"));
      builder.environment().put("AS_JAVA", System.getProperty("java.home"));
      Process process = builder.start();
      running = process;
      if (!process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(
            "asadmin " + line + " did not finish in " + COMMAND_LIMIT.toSeconds() + " s");
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "asadmin " + line + " failed (" + process.exitValue() + "):\n" + text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("asadmin " + line, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: asadmin " + line, e);
    }
  }

  static int freePortBase() {
    for (int base : PORT_BASES) {
      if (IntStream.of(PORT_OFFSETS).allMatch(offset -> free(base + offset))) {
        return base;
      }
    }
    throw new IllegalStateException("no port base with all of its ports free");
  }

  /** Free on loopback and on the wildcard address (Payara binds some of its ports to all). */
  static boolean free(int port) {
    return bindable(InetAddress.getLoopbackAddress(), port) && bindable(null, port);
  }

  private static boolean bindable(InetAddress address, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(address, port));
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }
}

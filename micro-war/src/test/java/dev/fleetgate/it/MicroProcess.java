package dev.fleetgate.it;

import dev.fleetgate.supervisor.cluster.ClusterOptions;
import dev.fleetgate.supervisor.cluster.ClusterSettings;
import dev.fleetgate.supervisor.config.ConfigCheck;
import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.KnownKeys;
import dev.fleetgate.supervisor.config.ListenerCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro running Fleetgate's WAR as a child process of the test, started the way {@code
 * ./fleetgate run} starts it, for tests that must kill or watch the server itself.
 */
final class MicroProcess implements AutoCloseable {
  final Process process;
  final int port;
  final Path log;
  final long startedNanos;

  private MicroProcess(Process process, int port, Path log, long startedNanos) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.startedNanos = startedNanos;
  }

  static MicroProcess start(Path workDir, Map<String, String> env, List<String> systemProperties)
      throws IOException {
    return start(workDir, env, systemProperties, false);
  }

  /**
   * As {@link #start(Path, Map, List)}, but the server leads a process group of its own, as under
   * {@code setsid ./fleetgate run}, so a test can signal the whole group ({@link #signalGroup}).
   */
  static MicroProcess startAsGroupLeader(Path workDir, Map<String, String> env) throws IOException {
    return start(workDir, env, List.of(), true);
  }

  private static MicroProcess start(
      Path workDir, Map<String, String> env, List<String> systemProperties, boolean groupLeader)
      throws IOException {
    deleteTree(workDir); // Payara Micro would redeploy what an earlier run left in its root dir
    Files.createDirectories(workDir);
    int port = freePort();
    List<String> command = new ArrayList<>();
    if (groupLeader) {
      command.add("setsid"); // execs in place: the server's pid is the group's id
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djdk.httpclient.allowRestrictedHeaders=host,connection");
    command.add("-Djdk.httpclient.keepalive.timeout=4");
    // As the launcher: a common pool of parallelism 1 (2 CPUs or fewer) would make the JDK HTTP
    // client start a thread per proxied request.
    int cpus = Runtime.getRuntime().availableProcessors();
    command.add(
        "-Djava.util.concurrent.ForkJoinPool.common.parallelism=" + (cpus > 2 ? cpus - 1 : 2));
    command.add("-Dfleetgate.state-dir=" + workDir.resolve("state"));
    // Workers' states and pids are at /admin/metrics, for a signed-in user or this token.
    command.add("-Dfleetgate.metrics.token=" + Http.METRICS_TOKEN);
    // As the launcher: Fleetgate owns this JVM. A start that fails ends it, as a process manager
    // needs to see it; SIGTERM drains, then exits 0.
    command.add("-Dfleetgate.standalone=true");
    command.addAll(systemProperties);
    // As the launcher: the data grid only for a cluster (--nohazelcast otherwise).
    ClusterSettings cluster = clusterSettings(env);
    command.addAll(ClusterOptions.jvm(cluster));
    // As the launcher: the test's listener settings, then the front door's and the hardening.
    Path preboot = workDir.resolve("preboot.asadmin");
    Files.writeString(
        preboot,
        Files.readString(Path.of(System.getProperty("it.preboot")))
            + Files.readString(Path.of(System.getProperty("it.front-door.preboot")))
            + Files.readString(Path.of(System.getProperty("it.front-door-tls.preboot")))
            + Files.readString(Path.of(System.getProperty("it.hardening.preboot")))
            + tlsListener(env)
            + String.join("\n", ClusterOptions.preboot(cluster))
            + "\n");
    command.addAll(
        List.of(
            "-jar",
            System.getProperty("payara.micro.jar"),
            "--disablephonehome",
            "--prebootcommandfile",
            preboot.toString(),
            "--addlibs",
            System.getProperty("it.front-door.jar"),
            "--rootdir",
            workDir.resolve("micro-root").toString(),
            "--port",
            Integer.toString(port),
            "--contextroot",
            "/",
            "--deploy",
            System.getProperty("fleetgate.war")));
    command.addAll(ClusterOptions.micro(cluster));
    Path log = workDir.resolve("payara-micro.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(workDir.toFile());
    builder.environment().putAll(env);
    // As the launcher: a node's name in a cluster defaults to <host>:<this port>.
    builder.environment().put("FLEETGATE_HTTP_PORT", Integer.toString(port));
    long started = System.nanoTime();
    return new MicroProcess(builder.start(), port, log, started);
  }

  /** The cluster settings the server will read from {@code env} over the shipped defaults. */
  private static ClusterSettings clusterSettings(Map<String, String> env) {
    Map<String, String> defaults = ConfigCheck.shippedDefaults(MicroProcess.class.getClassLoader());
    return ClusterSettings.read(
        new ConfigValues(
            key ->
                Optional.ofNullable(env.get(KnownKeys.environmentName(key)))
                    .or(() -> Optional.ofNullable(defaults.get(key)))));
  }

  /** As the launcher: a TLS port in the settings opens Payara Micro's TLS listener on loopback. */
  private static String tlsListener(Map<String, String> env) {
    String port = env.get("FLEETGATE_TLS_PORT");
    return port == null
        ? ""
        : String.join("\n", ListenerCommands.tls(Integer.parseInt(port), "127.0.0.1")) + "\n";
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long millisSinceStart() {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  void awaitLog(String text, Duration limit) {
    Http.await(
        () -> log().contains(text) || !process.isAlive(),
        limit,
        "log line containing '" + text + "'");
  }

  /** A signal the tests' own parent ignored is ignored by the server too: said, not timed out. */
  private void refuseIfIgnored(String signal) {
    if (log().contains("SIG" + signal + " is ignored")) {
      throw new AssertionError(
          "these tests were started with SIG"
              + signal
              + " ignored (nohup, or a shell's &), which the server inherits: start them otherwise");
    }
  }

  /** Sends {@code signal} (HUP, TERM…) to the server's process alone. */
  void signal(String signal) throws IOException, InterruptedException {
    refuseIfIgnored(signal);
    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
        .inheritIO()
        .start()
        .waitFor();
  }

  /**
   * Sends {@code signal} (TERM, INT…) to every process of the server's group, as {@code timeout},
   * Ctrl-C and many process managers do. The shell's own {@code kill}, never procps'
   * (DEVELOPERS.md).
   */
  void signalGroup(String signal) throws IOException, InterruptedException {
    refuseIfIgnored(signal);
    new ProcessBuilder(
            "sh", "-c", "kill -" + signal + " \"-$1\"", "sh", Long.toString(process.pid()))
        .inheritIO()
        .start()
        .waitFor();
  }

  /** What {@code kill -9} of the server does: no shutdown hook, no @PreDestroy. */
  void killHard() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

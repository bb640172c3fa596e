package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release as an operator installs it: {@code fleetgate-<version>.tar.gz} unpacked into an empty
 * folder and started with {@code bin/fleetgate run}, with Java and a few POSIX tools on the PATH
 * and no Maven. It serves, stops on SIGTERM leaving no worker, starts again from the prepared
 * server, and writes nothing in the install folder but {@code data/}.
 */
class ReleaseIT {
  /** What bin/fleetgate and the worker guard run besides java: bash, coreutils, util-linux. */
  static final List<String> TOOLS =
      List.of(
          "bash",
          "sh",
          "awk",
          "cat",
          "cp",
          "dirname",
          "flock",
          "grep",
          "mkdir",
          "mv",
          "nproc",
          "readlink",
          "rm",
          "setsid",
          "sleep",
          "stat");

  static final Pattern KEY = Pattern.compile("^(?:# )?(fleetgate\\.[a-z0-9.-]+)=");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    Path unpacked = Files.createDirectories(dir.resolve("install"));
    Process tar =
        new ProcessBuilder(
                "tar", "xzf", System.getProperty("it.release"), "-C", unpacked.toString())
            .inheritIO()
            .start();
    assertEquals(0, tar.waitFor(), "tar xzf " + System.getProperty("it.release"));
    try (Stream<Path> top = Files.list(unpacked)) {
      home =
          top.reduce((a, b) -> fail("one folder in the tarball, found " + a + " and " + b))
              .orElseThrow();
    }
  }

  @Test
  void confListsEveryKeyOfTheDefaultsCommentedOutAtItsDefaultWithItsComment() throws IOException {
    List<String> defaults = Files.readAllLines(Path.of(System.getProperty("it.defaults")));
    List<String> conf = Files.readAllLines(home.resolve("conf/fleetgate.properties"));

    assertEquals(keys(defaults), keys(conf), "the keys of the defaults, all of them");
    // After the defaults' opening comment: each setting commented out, each comment kept.
    for (String line : defaults.subList(defaults.indexOf(""), defaults.size())) {
      String expected = line.startsWith("fleetgate.") ? "# " + line : line;
      assertTrue(conf.contains(expected), "conf/fleetgate.properties has: " + expected);
    }
    assertTrue(
        conf.stream().noneMatch(line -> line.startsWith("fleetgate.")), "every key commented out");
    assertTrue(keys(conf).size() > 50, "all of them, not a few: " + keys(conf));
  }

  @Test
  void runsOnJavaAloneStopsOnSigtermAndStartsAgainFromThePreparedServer() throws Exception {
    Path tools = toolsOnly(dir.resolve("path"));
    assertEquals(
        1,
        new ProcessBuilder("bash", "-c", "PATH=$1; command -v mvn", "bash", tools.toString())
            .start()
            .waitFor(),
        "mvn is not on the server's PATH");
    Map<String, String> installed = files(home);
    int port = freePort();

    long first =
        startServeAndStop(tools, port, dir.resolve("first.log"), Duration.ofSeconds(360), "");
    System.out.printf(
        "FIGURE release, first start (the server prepared first) to 2 workers ready: %d ms%n",
        first);
    assertTrue(Files.isRegularFile(home.resolve("data/prepared/fingerprint")), "prepared");
    assertTrue(Files.isRegularFile(home.resolve("data/prepared/fleetgate.jsa")), "archived");

    // -Xshare:on: the JVM refuses to start rather than run without the prepared class-data archive.
    long second =
        startServeAndStop(
            tools, port, dir.resolve("second.log"), Duration.ofSeconds(180), "-Xshare:on");
    System.out.printf(
        "FIGURE release, start from the prepared server to 2 workers ready: %d ms%n", second);
    assertFalse(
        Files.readString(dir.resolve("second.log")).contains("preparing"),
        "the second start uses what the first prepared");

    assertEquals(installed, files(home), "nothing written in the install folder but data/");
  }

  /**
   * Starts {@code bin/fleetgate run}, waits for both workers, asserts that a request reaches one,
   * then sends SIGTERM and asserts that the server exits and its workers are gone. Returns the
   * milliseconds from launch to both workers ready.
   */
  private static long startServeAndStop(
      Path tools, int port, Path log, Duration limit, String javaOptions) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(home.resolve("bin/fleetgate").toString(), "run")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    // No JAVA_HOME, no Maven's variables: what the PATH holds is all there is.
    env.keySet()
        .removeIf(
            name ->
                name.equals("JAVA_HOME")
                    || name.startsWith("MAVEN")
                    || name.startsWith("M2")
                    || name.startsWith("FLEETGATE_"));
    env.put("PATH", tools.toString());
    env.put("FLEETGATE_HTTP_PORT", Integer.toString(port));
    env.put("FLEETGATE_HTTP_HOST", "127.0.0.1");
    env.put("FLEETGATE_WORKERS_COUNT", "2");
    env.put("FLEETGATE_WORKERS_BASE_PORT", "23610");
    env.put("FLEETGATE_METRICS_TOKEN", Http.METRICS_TOKEN);
    env.put("FLEETGATE_ADMIN_PASSWORD", System.getProperty("it.admin-password"));
    env.put("FLEETGATE_JAVA_OPTS", javaOptions);
    env.put("FLEETGATE_ADMIN_API_TOKEN", API_TOKEN);
    String base = "http://127.0.0.1:" + port;
    List<Long> workers = new ArrayList<>();
    long started = System.nanoTime();
    Process server = builder.start();
    try {
      Http.await(() -> Http.readyWorkers(base) == 2 || !server.isAlive(), limit, "2 workers ready");
      assertTrue(server.isAlive(), "the server runs; its output is in " + log);
      long readyMillis = (System.nanoTime() - started) / 1_000_000;
      Http.workers(Http.details(base)).values().forEach(w -> workers.add(w.pid()));
      assertEquals(200, Http.status(base, "/health/ready"));
      // dev.fleetgate.supervisor.cluster R1.4: without cluster keys no data grid, no grid thread.
      List<String> threads = threadNames(server.pid());
      assertTrue(
          threads.stream().noneMatch(t -> t.startsWith("hz.")),
          "a single node starts no data grid: " + threads);
      String health = Http.get(base, "/health").body();
      assertTrue(
          health.matches("(?s).*\"enabled\"\\s*:\\s*\"?false.*"),
          "the cluster check says so: " + health);
      System.out.printf(
          "FIGURE release, single node: %d threads, none of a data grid%n", threads.size());

      HttpResponse<String> proxied = Http.get(base, "/from-the-release");
      assertEquals(200, proxied.statusCode());
      assertTrue(proxied.body().contains("\"worker\":"), "a worker answered: " + proxied.body());

      // The release's own tools, on Java alone: the check and the command line.
      Map<String, String> toolEnv = new java.util.HashMap<>(env);
      toolEnv.put("FLEETGATE_API_TOKEN", API_TOKEN);
      assertEquals(0, runTool(toolEnv, log, "check"), "bin/fleetgate check; see " + log);
      assertEquals(
          0, runTool(toolEnv, log, "status", "--json"), "bin/fleetgate status; see " + log);

      server.destroy(); // SIGTERM: bin/fleetgate became the JVM (exec)
      assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server exits on SIGTERM");
      assertEquals(0, server.exitValue(), "drained and stopped: a clean exit after SIGTERM");
      for (long pid : workers) {
        Http.await(
            () -> ProcessHandle.of(pid).isEmpty(),
            Duration.ofSeconds(5),
            "worker " + pid + " gone");
      }
      return readyMillis;
    } finally {
      server.destroyForcibly();
      workers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  private static final String API_TOKEN = "release-it-api-token-0123456789";

  /** The names of a process's threads, as the kernel keeps them (15 characters at most). */
  static List<String> threadNames(long pid) throws IOException {
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      List<String> names = new ArrayList<>();
      for (Path task : tasks.toList()) {
        try {
          names.add(Files.readString(task.resolve("comm")).strip());
        } catch (IOException e) {
          // the thread ended meanwhile
        }
      }
      return names;
    }
  }

  /**
   * Runs {@code bin/fleetgate <arguments>} with the server's environment; its output to the log.
   */
  private static int runTool(Map<String, String> env, Path log, String... arguments)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/fleetgate").toString()));
    command.addAll(List.of(arguments));
    Path out = Files.createTempFile(dir, "tool", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process tool = builder.start();
    assertTrue(tool.waitFor(60, TimeUnit.SECONDS), String.join(" ", arguments) + " ended");
    Files.writeString(
        log.resolveSibling(log.getFileName() + "." + arguments[0]), Files.readString(out));
    return tool.exitValue();
  }

  /** A folder of links to java and {@link #TOOLS}, to be the server's whole PATH. */
  private static Path toolsOnly(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.createSymbolicLink(
        folder.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    for (String tool : TOOLS) {
      Path found =
          Stream.of("/usr/bin", "/bin")
              .map(bin -> Path.of(bin, tool))
              .filter(Files::isExecutable)
              .findFirst()
              .orElseThrow(() -> new AssertionError(tool + " is needed by bin/fleetgate"));
      Files.createSymbolicLink(folder.resolve(tool), found);
    }
    return folder;
  }

  /** Every file under the install folder but data/, with its size and time. */
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path file :
          all.filter(p -> !p.startsWith(root.resolve("data")) && Files.isRegularFile(p)).toList()) {
        files.put(
            root.relativize(file).toString(),
            Files.size(file) + " " + Files.getLastModifiedTime(file));
      }
    }
    return files;
  }

  private static Set<String> keys(List<String> lines) {
    Set<String> keys = new TreeSet<>();
    for (String line : lines) {
      Matcher key = KEY.matcher(line);
      if (key.find()) {
        keys.add(key.group(1));
      }
    }
    return keys;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static <T> T fail(String message) {
    throw new AssertionError(message);
  }
}

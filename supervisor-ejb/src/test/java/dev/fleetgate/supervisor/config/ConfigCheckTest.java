package dev.fleetgate.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The whole configuration checked at once: every problem, not the first. */
class ConfigCheckTest {
  static final Map<String, String> DEFAULTS =
      ConfigCheck.shippedDefaults(ConfigCheckTest.class.getClassLoader());

  static final ConfigFile FILE =
      new ConfigFile(
          Optional.of(Path.of("/etc/fleetgate.properties")),
          "test",
          Map.of(
              "fleetgate.workers.count", "-3",
              "fleetgate.workers.stop-grace", "soon",
              "fleetgate.workers.cont", "2"),
          Optional.empty());

  @Test
  @DisplayName("R4 every problem is reported with its key, value and source, not only the first")
  void collectsEveryProblem() {
    LayeredConfig view =
        new LayeredConfig(
            DEFAULTS,
            FILE,
            Map.of("fleetgate.workers.base-port", "0"),
            Map.of("FLEETGATE_WORKER_COUNT", "2", "FLEETGATE_WORKERS_MIN_UPTIME", "a while"));

    List<String> problems =
        ConfigCheck.problems(view, FILE, List.of(ConfigCheck.SUPERVISOR), DEFAULTS).stream()
            .map(ConfigProblem::text)
            .toList();

    assertEquals(
        List.of(
            "unknown setting fleetgate.workers.cont (config file /etc/fleetgate.properties); did"
                + " you mean fleetgate.workers.count?",
            "unknown setting FLEETGATE_WORKER_COUNT (environment); did you mean"
                + " FLEETGATE_WORKERS_COUNT?",
            "Invalid configuration fleetgate.workers.count='-3' (config file"
                + " /etc/fleetgate.properties): must be between 0 and 256",
            "Invalid configuration fleetgate.workers.base-port='0' (system property): must be"
                + " between 1 and 65279",
            "Invalid configuration fleetgate.workers.stop-grace='soon' (config file"
                + " /etc/fleetgate.properties): not a duration such as 500ms, 10s, 2m or PT10S",
            "Invalid configuration fleetgate.workers.min-uptime='a while' (environment): not a"
                + " duration such as 500ms, 10s, 2m or PT10S"),
        problems);
  }

  @Test
  @DisplayName("R4 the rules of several modules are all run, each bad key reported once")
  void runsEveryModulesRules() {
    ConfigRules second =
        values -> {
          values.integer("fleetgate.proxy.max-tries", 1, 100);
          values.integer("fleetgate.workers.count", 0, 256); // read by both: reported once
        };
    LayeredConfig view =
        new LayeredConfig(
            DEFAULTS,
            ConfigFile.NONE,
            Map.of(),
            Map.of("FLEETGATE_WORKERS_COUNT", "x", "FLEETGATE_PROXY_MAX_TRIES", "0"));

    List<ConfigProblem> problems =
        ConfigCheck.problems(
            view, ConfigFile.NONE, List.of(ConfigCheck.SUPERVISOR, second), DEFAULTS);

    assertEquals(
        List.of("fleetgate.workers.count", "fleetgate.proxy.max-tries"),
        problems.stream().map(ConfigProblem::name).toList());
  }

  @Test
  @DisplayName("R4 a file that cannot be read and launcher keys in the file are problems too")
  void fileProblems() {
    ConfigFile unreadable =
        ConfigFile.locate(Map.of(ConfigFile.KEY, "/no/such.properties")::get, n -> null);
    ConfigFile withLauncherKey =
        new ConfigFile(
            Optional.of(Path.of("/etc/f.properties")),
            "test",
            Map.of(ConfigCheck.STANDALONE, "true"),
            Optional.empty());

    assertEquals(
        List.of("config file /no/such.properties (system property fleetgate.config): no such file"),
        texts(unreadable));
    assertEquals(
        List.of(
            "fleetgate.standalone (config file /etc/f.properties) is read before the file:"
                + " set it as a system property or an environment variable"),
        texts(withLauncherKey));
  }

  @Test
  @DisplayName("R4 the shipped defaults pass")
  void defaultsPass() {
    LayeredConfig view = new LayeredConfig(DEFAULTS, ConfigFile.NONE, Map.of(), Map.of());

    assertEquals(
        List.of(),
        ConfigCheck.problems(view, ConfigFile.NONE, List.of(ConfigCheck.SUPERVISOR), DEFAULTS));
  }

  @Test
  @DisplayName(
      "R4 a module's rules missing from the class path are skipped, unless all are required")
  void missingModuleRules() {
    ClassLoader loader = ConfigCheckTest.class.getClassLoader();

    assertEquals(List.of(ConfigCheck.SUPERVISOR), ConfigCheck.rules(loader, false));
    assertThrows(IllegalStateException.class, () -> ConfigCheck.rules(loader, true));
  }

  @Test
  @DisplayName("R5 fleetgate check: one line and 0 when good, every problem and 1 when not")
  void checkCommand() {
    Map<String, String> environment = new HashMap<>(Map.of("FLEETGATE_WORKERS_COUNT", "2"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int good = run(environment, out, err);
    environment.put("FLEETGATE_HTTP_PORT", "80800");
    environment.put("FLEETGATE_WORKERS_BASE_PORT", "-1");
    int bad = run(environment, out, err);

    assertEquals(0, good);
    assertEquals(
        "fleetgate: configuration OK (no config file, 2 workers, round-robin, port 8080)\n",
        out.toString(StandardCharsets.UTF_8));
    assertEquals(1, bad);
    assertEquals(
        "fleetgate: 2 problems in the configuration:\n"
            + "  Invalid configuration fleetgate.workers.base-port='-1' (environment): must be"
            + " between 1 and 65279\n"
            + "  Invalid configuration FLEETGATE_HTTP_PORT='80800' (environment): must be a port"
            + " number, 1 to 65535\n",
        err.toString(StandardCharsets.UTF_8));
  }

  private static int run(
      Map<String, String> environment, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return CheckCommand.run(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(),
        environment,
        4,
        List.of(ConfigCheck.SUPERVISOR),
        DEFAULTS);
  }

  private static List<String> texts(ConfigFile file) {
    LayeredConfig view = new LayeredConfig(DEFAULTS, file, Map.of(), Map.of());
    return ConfigCheck.problems(view, file, List.of(ConfigCheck.SUPERVISOR), DEFAULTS).stream()
        .map(ConfigProblem::text)
        .toList();
  }
}

package dev.fleetgate.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one list of settings: complete, and a misspelt name gets the nearest one suggested. */
class KnownKeysTest {

  /** The repository: tests run in the module's directory. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** {@code "fleetgate.…"} literals in the code that are no setting, and why. */
  private static final Set<String> NOT_SETTINGS =
      Set.of(
          "fleetgate.access", // the access log's logger
          "fleetgate.audit", // the console's audit logger
          "fleetgate.lock", // the state directory's lock file
          "fleetgate.home", // the command line's own system property: where the launcher is
          "fleetgate.apps.", // prefixes an app's keys are made of (Apps)
          "fleetgate.workers.",
          "fleetgate.proxy.",
          "fleetgate.cluster.", // the prefix ClusterSettings reads its keys under
          "fleetgate.console.path-prefix"); // a web.xml context parameter, not MicroProfile Config

  private static final Pattern KEY_LITERAL = Pattern.compile("\"(fleetgate\\.[a-z0-9.-]+)\"");
  private static final Pattern VARIABLE = Pattern.compile("\\bFLEETGATE_[A-Z0-9_]+");

  @Test
  @DisplayName("R3 every fleetgate.* key the code names is a known key")
  void everyKeyReadInTheCodeIsKnown() throws IOException {
    Set<String> unknown = new TreeSet<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(ROOT)) {
      sources =
          files
              .filter(
                  p -> p.toString().contains("/src/main/java/") && p.toString().endsWith(".java"))
              .filter(
                  p ->
                      !p.toString().contains("/target/")
                          && !p.toString().contains("/node_modules/"))
              .toList();
    }
    assertTrue(sources.size() > 100, "found the modules' sources: " + sources.size());
    for (Path source : sources) {
      Matcher m = KEY_LITERAL.matcher(Files.readString(source));
      while (m.find()) {
        if (!KnownKeys.isKey(m.group(1)) && !NOT_SETTINGS.contains(m.group(1))) {
          unknown.add(m.group(1) + " in " + ROOT.relativize(source));
        }
      }
    }
    assertEquals(Set.of(), unknown, "add them to KnownKeys.KEYS (or to NOT_SETTINGS here)");
  }

  @Test
  @DisplayName("R3 every key of the shipped defaults is a known key")
  void everyDefaultIsKnown() throws IOException {
    Properties defaults = new Properties();
    try (InputStream in =
        KnownKeys.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      defaults.load(in);
    }
    Set<String> unknown = new TreeSet<>(defaults.stringPropertyNames());
    unknown.removeAll(KnownKeys.KEYS);
    assertEquals(Set.of(), unknown);
  }

  @Test
  @DisplayName(
      "R3 every FLEETGATE_* variable the launcher, the scripts and the command line read is known")
  void everyVariableOfTheScriptsIsKnown() throws IOException {
    List<Path> scripts = List.of(ROOT.resolve("fleetgate"), ROOT.resolve(".ci/run"));
    try (Stream<Path> bench = Files.list(ROOT.resolve("bench"))) {
      scripts = Stream.concat(scripts.stream(), bench.filter(Files::isRegularFile)).toList();
    }
    // The command line's variables live in an operator's shell, which also starts the server.
    try (Stream<Path> cli = Files.walk(ROOT.resolve("cli/src/main/java"))) {
      scripts =
          Stream.concat(scripts.stream(), cli.filter(p -> p.toString().endsWith(".java"))).toList();
    }
    Set<String> unknown = new TreeSet<>();
    for (Path script : scripts) {
      Matcher m = VARIABLE.matcher(Files.readString(script));
      while (m.find()) {
        // FLEETGATE_APPS_ followed by an app's name the script fills in, then the key's name
        boolean appPrefix = m.group().equals(KnownKeys.environmentName(Apps.PREFIX));
        if (!KnownKeys.isVariable(m.group()) && !appPrefix) {
          unknown.add(m.group() + " in " + ROOT.relativize(script));
        }
      }
    }
    assertEquals(Set.of(), unknown, "add them to KnownKeys.LAUNCHER_VARIABLES");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @DisplayName("R3 an unknown name is refused with the nearest known one")
  @CsvSource({
    "FLEETGATE_WORKER_COUNT, FLEETGATE_WORKERS_COUNT",
    "FLEETGATE_HTTP_PROT, FLEETGATE_HTTP_PORT",
    "FLEETGATE_ADMIN_PASWORD, FLEETGATE_ADMIN_PASSWORD",
  })
  void suggestsTheNearestVariable(String typed, String meant) {
    ConfigProblem problem = KnownKeys.unknownVariable(typed).orElseThrow();

    assertEquals(typed, problem.name());
    assertEquals(
        "unknown setting " + typed + " (environment); did you mean " + meant + "?", problem.text());
  }

  @Test
  @DisplayName("R3 an unknown key is refused naming its source and the nearest key")
  void suggestsTheNearestKey() {
    assertEquals(
        "unknown setting fleetgate.proxy.acess-log (config file /etc/f.properties); did you mean"
            + " fleetgate.proxy.access-log?",
        KnownKeys.unknownKey("fleetgate.proxy.acess-log", "config file /etc/f.properties")
            .orElseThrow()
            .text());
  }

  @Test
  @DisplayName("R3 a name near no known one is refused without a guess")
  void suggestsNothingFarFetched() {
    assertEquals(Optional.empty(), KnownKeys.nearest("fleetgate.mail.sender", KnownKeys.KEYS));
    assertTrue(
        KnownKeys.unknownKey("fleetgate.mail.sender", "system property")
            .orElseThrow()
            .text()
            .endsWith("the README's configuration table lists every setting"));
  }

  @Test
  @DisplayName("R3 known keys and the launcher's variables pass")
  void acceptsKnownNames() {
    assertEquals(Optional.empty(), KnownKeys.unknownKey("fleetgate.workers.count", "default"));
    assertEquals(Optional.empty(), KnownKeys.unknownVariable("FLEETGATE_WORKERS_BACKOFF_MAX"));
    assertEquals(Optional.empty(), KnownKeys.unknownVariable("FLEETGATE_HTTP_PORT"));
    assertEquals(Optional.empty(), KnownKeys.unknownVariable("FLEETGATE_CONFIG"));
    assertEquals(Optional.empty(), KnownKeys.unknownVariable("FLEETGATE_STATE_DIR"));
  }

  @Test
  @DisplayName(
      "R3 what Kubernetes injects for a Service named fleetgate passes; a typo next to it does not")
  void kubernetesServiceLinksPass() {
    for (String name :
        List.of(
            "FLEETGATE_SERVICE_HOST",
            "FLEETGATE_SERVICE_PORT",
            "FLEETGATE_SERVICE_PORT_HTTP",
            "FLEETGATE_PORT",
            "FLEETGATE_PORT_80_TCP",
            "FLEETGATE_PORT_80_TCP_ADDR",
            "FLEETGATE_PORT_6900_TCP_PORT")) {
      assertEquals(Optional.empty(), KnownKeys.unknownVariable(name), name);
    }
    assertTrue(KnownKeys.unknownVariable("FLEETGATE_PORTS").isPresent());
  }
}

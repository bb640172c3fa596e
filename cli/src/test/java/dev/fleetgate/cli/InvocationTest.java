package dev.fleetgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.cli.Invocation.Command;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvocationTest {

  @TempDir Path dir;

  Invocation parse(String line) throws CliFailure {
    return parse(line, Map.of());
  }

  Invocation parse(String line, Map<String, String> env) throws CliFailure {
    return Invocation.parse(
        Arrays.asList(line.split(" ")), env, dir.resolve("conf/fleetgate.properties"));
  }

  @Test
  @DisplayName("R1 every command and its worker id or count")
  void readsEveryCommand() throws CliFailure {
    assertEquals(Command.STATUS, parse("status").command());
    assertTrue(parse("status --json").json());
    for (String word : List.of("restart", "stop", "start", "drain")) {
      Invocation invocation = parse(word + " 3");
      assertEquals(word, invocation.command().word);
      assertEquals(OptionalInt.of(3), invocation.worker());
    }
    assertEquals(5, parse("scale 5").count());
    assertEquals(0, parse("scale 0").count());
    assertEquals(Optional.empty(), parse("scale 5").app());
    assertEquals(Command.ROLLING_RESTART, parse("rolling-restart").command());
    assertEquals(Optional.empty(), parse("rolling-restart").app());
    assertEquals(Command.HELP, parse("help").command());
    assertEquals(Command.HELP, parse("status --help").command());
  }

  @Test
  @DisplayName("R1.1 commands name an app: scale api 4, restart api/0, status api")
  void readsApps() throws CliFailure {
    Invocation scale = parse("scale api 4");
    assertEquals(Optional.of("api"), scale.app());
    assertEquals(4, scale.count());

    Invocation restart = parse("restart api/0");
    assertEquals(Optional.of("api"), restart.app());
    assertEquals(OptionalInt.of(0), restart.worker());
    assertEquals(Optional.empty(), parse("restart 0").app(), "a bare id: the default app's");
    assertEquals(Optional.of("default"), parse("drain default/2").app());

    assertEquals(Optional.of("web-2"), parse("rolling-restart web-2").app());
    assertEquals(Optional.of("api"), parse("status api --json").app());
    assertEquals(Optional.empty(), parse("status").app());

    Invocation appLogs = parse("logs -f api");
    assertEquals(Optional.of("api"), appLogs.app());
    assertEquals(OptionalInt.empty(), appLogs.worker());
    Invocation workerLogs = parse("logs api/3 -n 5");
    assertEquals(Optional.of("api"), workerLogs.app());
    assertEquals(OptionalInt.of(3), workerLogs.worker());
  }

  @Test
  @DisplayName("R1 logs takes -f, -n and a worker id in any order")
  void readsLogsOptionsInAnyOrder() throws CliFailure {
    Invocation all = parse("logs");
    assertEquals(OptionalInt.empty(), all.worker());
    assertFalse(all.follow());
    assertEquals(Invocation.DEFAULT_LINES, all.lines());

    Invocation one = parse("logs -f 1 -n 50");
    assertEquals(OptionalInt.of(1), one.worker());
    assertTrue(one.follow());
    assertEquals(50, one.lines());

    Invocation spelled = parse("--json logs --lines=0 --follow");
    assertTrue(spelled.json());
    assertTrue(spelled.follow());
    assertEquals(0, spelled.lines());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "status web api|status takes one app, not web api",
        "status Web|an app's name is a lower-case letter, then letters, digits or dashes, not Web",
        "reload now|reload takes no now",
        "frobnicate|unknown command frobnicate",
        "restart|restart needs worker id",
        "restart 1 2|restart takes one worker id, not 1 2",
        "restart one|a worker is its id (0) or app/id (api/0), not one",
        "stop -1|a worker is its id (0) or app/id (api/0), not -1",
        "stop api/|a worker is its id (0) or app/id (api/0), not api/",
        "stop API/0|a worker is its id (0) or app/id (api/0), not API/0",
        "scale|scale needs number of workers",
        "scale many|the number of workers must be a whole number, not many",
        "scale -2|the number of workers must be a whole number, not -2",
        "scale api|the number of workers must be a whole number, not api",
        "scale api many|the number of workers must be a whole number, not many",
        "scale 4 api|an app's name is a lower-case letter, then letters, digits or dashes, not 4",
        "scale api 4 5|scale takes an app and a number of workers, not api 4 5",
        "rolling-restart a b|rolling-restart takes one app, not a b",
        "logs 1 2|logs takes one worker or app, not 1 2",
        "logs x/y|a worker is its id (0) or app/id (api/0), not x/y",
        "logs -n|-n needs a value",
        "logs -n ten|the number of lines must be a whole number, not ten",
        "status -f|-f goes with logs only",
        "status --verbose|unknown option --verbose",
        "status --url ftp://x|the server's URL must be http://host[:port] or https://…, not ftp://x"
      })
  @DisplayName("R1 R3 a wrong command line is a usage error naming what is wrong")
  void refusesBadCommandLinesAsUsage(String line, String message) {
    CliFailure failure = assertThrows(CliFailure.class, () -> parse(line));

    assertEquals(Exit.USAGE, failure.exit);
    assertEquals(message, failure.getMessage());
  }

  @Test
  @DisplayName("R7 --node names the node of a worker command, scale, rolling-restart and logs")
  void readsTheNodeOfACommand() throws CliFailure {
    Invocation restart = parse("restart api/0 --node web-2");
    assertEquals(Optional.of("web-2"), restart.node());
    assertEquals(Optional.of("api"), restart.app());
    assertEquals(OptionalInt.of(0), restart.worker());
    assertFalse(restart.cluster());

    assertEquals(Optional.of("web-1:8080"), parse("--node=web-1:8080 scale 3").node());
    assertEquals(Optional.of("n1"), parse("rolling-restart --node n1 api").node());
    assertEquals(Optional.of("10.0.0.2_b"), parse("logs -n 5 --node 10.0.0.2_b api/1").node());
    assertEquals(Optional.of("web-2"), parse("logs -f 0 --node web-2").node());
    assertEquals(Optional.empty(), parse("restart 0").node());
  }

  @Test
  @DisplayName("R7 --cluster: status of every node, rolling-restart of every node or one app")
  void readsTheClusterOption() throws CliFailure {
    Invocation status = parse("status --cluster --json");
    assertEquals(Command.STATUS, status.command());
    assertTrue(status.cluster());
    assertTrue(status.json());
    assertEquals(Optional.empty(), status.node());

    Invocation everyApp = parse("rolling-restart --cluster");
    assertTrue(everyApp.cluster());
    assertEquals(Optional.empty(), everyApp.app());
    Invocation oneApp = parse("--cluster rolling-restart api");
    assertTrue(oneApp.cluster());
    assertEquals(Optional.of("api"), oneApp.app());
    assertFalse(parse("status").cluster());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "status --node web-2|--node goes with restart, stop, start, drain, scale, rolling-restart"
            + " and logs; status --cluster shows every node",
        "reload --node web-2|--node goes with restart, stop, start, drain, scale, rolling-restart"
            + " and logs",
        "restart 0 --node|--node needs a value",
        "restart 0 --node -web|a node's name is a letter or digit, then letters, digits, '.', '_',"
            + " ':' or '-', not -web",
        "restart 0 --node a/b|a node's name is a letter or digit, then letters, digits, '.', '_',"
            + " ':' or '-', not a/b",
        "restart 0 --cluster|--cluster goes with status and rolling-restart only",
        "logs --cluster|--cluster goes with status and rolling-restart only",
        "scale 3 --cluster|--cluster goes with status and rolling-restart only",
        "rolling-restart --cluster --node web-2|--node and --cluster do not go together: --cluster"
            + " is every node",
        "status --cluster api|status --cluster shows every app of every node, not api"
      })
  @DisplayName("R7 R3 --node and --cluster with a command they do not go with are usage errors")
  void refusesNodeAndClusterWhereTheyDoNotGo(String line, String message) {
    CliFailure failure = assertThrows(CliFailure.class, () -> parse(line));

    assertEquals(Exit.USAGE, failure.exit);
    assertEquals(message, failure.getMessage());
  }

  @Test
  @DisplayName("R7 the help names --node and --cluster")
  void helpNamesTheClusterOptions() {
    assertTrue(Invocation.USAGE.contains("status --cluster "), Invocation.USAGE);
    assertTrue(Invocation.USAGE.contains("rolling-restart --cluster [<app>]"), Invocation.USAGE);
    assertTrue(Invocation.USAGE.contains("--node <name>"), Invocation.USAGE);
  }

  @Test
  @DisplayName("R2 the server: --url, FLEETGATE_URL, else loopback on FLEETGATE_HTTP_PORT")
  void findsTheServerByOptionThenEnvironmentThenPort() throws CliFailure {
    assertEquals(URI.create("http://127.0.0.1:8080"), parse("status").server());
    assertEquals(
        URI.create("http://127.0.0.1:9090"),
        parse("status", Map.of("FLEETGATE_HTTP_PORT", "9090")).server());
    assertEquals(
        URI.create("https://fleet.example:8443/base"),
        parse("status", Map.of("FLEETGATE_URL", "https://fleet.example:8443/base/")).server());
    assertEquals(
        URI.create("http://10.0.0.5:81"),
        parse("status --url http://10.0.0.5:81", Map.of("FLEETGATE_URL", "http://x:1")).server());
  }

  @Test
  @DisplayName("R2 the token: --token, the environment, else conf/fleetgate.properties")
  void findsTheTokenByOptionThenEnvironmentThenConfigurationFile() throws CliFailure, IOException {
    assertEquals(Optional.empty(), parse("status").token());

    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        dir.resolve("conf/fleetgate.properties"),
        "# the server's settings\nfleetgate.workers.count=2\nfleetgate.admin.api-token = from-file\n");
    assertEquals(Optional.of("from-file"), parse("status").token());
    assertEquals(
        Optional.of("server-env"),
        parse("status", Map.of("FLEETGATE_ADMIN_API_TOKEN", "server-env")).token());
    assertEquals(
        Optional.of("client-env"),
        parse(
                "status",
                Map.of("FLEETGATE_API_TOKEN", "client-env", "FLEETGATE_ADMIN_API_TOKEN", "x"))
            .token());
    assertEquals(
        Optional.of("option"),
        parse("status --token option", Map.of("FLEETGATE_API_TOKEN", "client-env")).token());
    assertEquals(
        Optional.of("from-file"), parse("status", Map.of("FLEETGATE_API_TOKEN", " ")).token());
  }
}

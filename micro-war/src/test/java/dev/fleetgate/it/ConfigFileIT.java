package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operating Fleetgate like a server (issue 12): the config file under a running server, a misspelt
 * setting refusing the start, and {@code ./fleetgate check}. Worker ports 23230–23239.
 */
class ConfigFileIT {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void r1_aSettingFromTheFileIsUsedTheEnvironmentOverridesAnotherAndTheConsoleShowsWhich()
      throws Exception {
    String password = System.getProperty("it.admin-password");
    Path file =
        Files.writeString(
            dir.resolve("fleetgate.properties"),
            "# the operator's file\n"
                + "fleetgate.workers.count=1\n"
                + "fleetgate.workers.base-port=23230\n"
                + "fleetgate.admin.password="
                + password
                + "\n");
    try (MicroProcess server =
        MicroProcess.start(
            dir.resolve("server"),
            Map.of("FLEETGATE_WORKERS_BASE_PORT", "23231"),
            List.of("-Dfleetgate.config=" + file))) {
      Http.await(
          () -> Http.readyWorkers(server.base()) == 1,
          Duration.ofSeconds(180),
          "the file's one worker ready");
      assertEquals(1, Http.workers(Http.details(server.base())).size(), "count from the file");
      String answer = Http.get(server.base(), "/").body();
      assertTrue(answer.contains("\"port\":23231"), "the environment's base port: " + answer);

      // The console signs in with the file's password and says where each value came from.
      ChaosIT.ConsoleSession console = ChaosIT.signIn(server, password);
      HttpResponse<String> page =
          console
              .browser()
              .send(
                  HttpRequest.newBuilder(URI.create(server.base() + "/admin/config.xhtml")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertEquals("config file " + file, sourceShown(page.body(), "fleetgate.workers.count"));
      assertEquals("environment", sourceShown(page.body(), "fleetgate.workers.base-port"));
      assertEquals("default", sourceShown(page.body(), "fleetgate.workers.host"));
    }
  }

  @Test
  void r3_aMisspeltVariableEndsTheServerNamingTheNearestOne() throws Exception {
    try (MicroProcess server =
        MicroProcess.start(
            dir.resolve("misspelt"),
            Map.of("FLEETGATE_WORKER_COUNT", "1", "FLEETGATE_WORKERS_BASE_PORT", "23232"),
            List.of())) {
      server.awaitLog("unknown setting FLEETGATE_WORKER_COUNT", Duration.ofSeconds(180));
      long seen = System.nanoTime();

      assertTrue(server.process.waitFor(30, TimeUnit.SECONDS), "the server ended");
      System.out.printf(
          "FIGURE unknown setting in the log to the server's exit: %d ms%n",
          (System.nanoTime() - seen) / 1_000_000);
      assertEquals(1, server.process.exitValue());
      String log = server.log();
      assertTrue(
          log.contains(
              "unknown setting FLEETGATE_WORKER_COUNT (environment); did you mean"
                  + " FLEETGATE_WORKERS_COUNT?"),
          "names the variable and the nearest one");
      assertFalse(log.contains("Fleetgate starting"), "no worker was started");
    }
  }

  @Test
  void r5_checkPassesAGoodFileAndListsEveryProblemOfABadOneWithoutAServer() throws Exception {
    Path good =
        Files.writeString(
            dir.resolve("good.properties"),
            "fleetgate.workers.count=2\nfleetgate.proxy.balance=least-connections\n");
    Path bad =
        Files.writeString(
            dir.resolve("bad.properties"),
            "fleetgate.workers.count=-3\n"
                + "fleetgate.proxy.balance=random\n"
                + "fleetgate.workers.cont=2\n");

    long started = System.nanoTime();
    Checked passed = check(good.toString(), Map.of());
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("FIGURE ./fleetgate check of a good file: %d ms%n", millis);
    Checked failed = check(bad.toString(), Map.of("FLEETGATE_PROXY_MAX_TRIES", "0"));
    Checked missing = check(dir.resolve("missing.properties").toString(), Map.of());

    assertEquals(0, passed.status(), passed.output());
    // The file's path, relative to the launcher's directory when below it.
    String ok = passed.output().strip();
    assertTrue(ok.startsWith("fleetgate: configuration OK ("), ok);
    assertTrue(ok.endsWith("good.properties, 2 workers, least-connections, port 8080)"), ok);
    assertTrue(millis < 5_000, "well under the server's boot: " + millis + " ms");
    assertEquals(1, failed.status(), failed.output());
    for (String problem :
        List.of(
            "4 problems in the configuration",
            "unknown setting fleetgate.workers.cont (config file "
                + bad
                + "); did you mean fleetgate.workers.count?",
            "Invalid configuration fleetgate.workers.count='-3' (config file "
                + bad
                + "): must be between 0 and 256",
            "Invalid configuration fleetgate.proxy.balance='random' (config file " + bad + ")",
            "Invalid configuration fleetgate.proxy.max-tries='0' (environment)")) {
      assertTrue(failed.output().contains(problem), problem + " in:\n" + failed.output());
    }
    assertEquals(1, missing.status(), missing.output());
    assertTrue(missing.output().contains("missing.properties"), missing.output());
  }

  record Checked(int status, String output) {}

  /** {@code ./fleetgate check --config file}, with only {@code env} of the FLEETGATE_* names. */
  private Checked check(String file, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(System.getProperty("it.launcher"), "check", "--config", file)
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("FLEETGATE_"));
    builder.environment().putAll(env);
    Process check = builder.start();
    try {
      String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(check.waitFor(60, TimeUnit.SECONDS), "the check ended");
      return new Checked(check.exitValue(), output);
    } finally {
      check.destroyForcibly();
    }
  }

  /** The Source column (the third) of {@code key}'s row on the configuration page. */
  private static String sourceShown(String html, String key) {
    int at = html.indexOf(">" + key + "<");
    assertTrue(at >= 0, key + " on the page");
    String row = html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
    Matcher cell = CELL.matcher(row);
    String source = null;
    for (int i = 0; i < 3 && cell.find(); i++) {
      source = cell.group(1);
    }
    // Without reflow's column titles and any other markup.
    return source
        .replaceAll("<span class=\"ui-column-title\">[^<]*</span>", "")
        .replaceAll("<[^>]*>", "")
        .strip();
  }

  private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);
}

package dev.fleetgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a stub of the API on loopback: what it sends, prints and exits with. */
class FleetgateCliTest {

  static final String TOKEN = "test-token-0123456789";

  @TempDir Path dir;

  HttpServer server;
  final List<String> requests = new ArrayList<>();
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void startStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/admin/api/", this::answer);
    server.start();
  }

  @AfterEach
  void stopStub() {
    server.stop(0);
  }

  /** The stub: a token check, then an answer per path. */
  void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().toString().substring("/admin/api/".length());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(exchange.getRequestMethod() + " " + path + (body.isEmpty() ? "" : " " + body));
    if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      send(exchange, 401, "{\"ok\":false,\"message\":\"The API token is wrong.\"}");
      return;
    }
    switch (path) {
      case "status" ->
          send(
              exchange,
              200,
              "{\"time\":\"2026-12-02T15:00:00Z\",\"desired\":1,"
                  + "\"ready\":1,\"workers\":[{\"id\":0,\"state\":\"READY\",\"pid\":7,\"port\":3000}]}");
      case "apps/api/status" ->
          send(
              exchange,
              200,
              "{\"time\":\"2026-12-02T15:00:00Z\",\"desired\":1,\"ready\":1,"
                  + "\"apps\":[{\"name\":\"api\",\"desired\":1,\"ready\":1}],\"workers\":"
                  + "[{\"id\":0,\"app\":\"api\",\"name\":\"api/0\",\"state\":\"READY\"}]}");
      case "workers/1/restart" ->
          send(exchange, 200, "{\"ok\":true,\"message\":\"Restarted worker 1\"}");
      case "apps/api/workers/0/restart" ->
          send(exchange, 200, "{\"ok\":true,\"message\":\"Restarted worker api/0\"}");
      case "apps/api/scale" ->
          send(exchange, 200, "{\"ok\":true,\"message\":\"Scaled api to 4 workers\"}");
      case "apps/nope/rolling-restart" ->
          send(exchange, 404, "{\"ok\":false,\"message\":\"no app named nope\"}");
      case "workers/9/restart" ->
          send(
              exchange,
              404,
              "{\"ok\":false,\"message\":\"restart worker 9 refused: no worker 9\"}");
      case "scale" -> send(exchange, 400, "{\"ok\":false,\"message\":\"scale to 999 refused\"}");
      case "logs?lines=2" ->
          send(
              exchange,
              200,
              "{\"lines\":[{\"worker\":0,\"number\":1,"
                  + "\"stream\":\"out\",\"text\":\"hello\"},{\"worker\":1,\"number\":2,\"stream\":\"err\","
                  + "\"text\":\"oops\"}]}");
      case "workers/1/logs?lines=15&follow=true" -> {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream stream = exchange.getResponseBody()) {
          stream.write(
              (": keep-alive\n\nevent: line\nid: 5\ndata: {\"worker\":1,\"stream\":\"out\","
                      + "\"text\":\"first\"}\n\nevent: line\ndata: {\"worker\":1,\"stream\":"
                      + "\"err\",\"text\":\"second\"}\n\nevent: gone\ndata: {\"worker\":1,"
                      + "\"message\":\"worker 1 is gone\"}\n\n")
                  .getBytes(StandardCharsets.UTF_8));
        }
      }
      case "cluster" -> send(exchange, 200, ClusterTableTest.TWO_NODES);
      case "nodes/web-2/apps/api/workers/0/restart" ->
          send(exchange, 200, "{\"ok\":true,\"message\":\"Restarted worker api/0 on node web-2\"}");
      case "nodes/web-2/scale" ->
          send(exchange, 200, "{\"ok\":true,\"message\":\"Scaled to 3 workers on node web-2\"}");
      case "nodes/gone/rolling-restart" ->
          send(exchange, 404, "{\"ok\":false,\"message\":\"no node named 'gone' in the cluster\"}");
      case "nodes/web-2/apps/api/logs?lines=2" ->
          send(
              exchange,
              200,
              "{\"lines\":[{\"worker\":0,\"app\":\"api\",\"name\":\"api/0\",\"number\":1,"
                  + "\"stream\":\"out\",\"text\":\"from web-2\"}]}");
      case "nodes/web-2/workers/1/logs?lines=15&follow=true" ->
          send(
              exchange,
              400,
              "{\"ok\":false,\"message\":\"follow=true streams this node's workers only\"}");
      case "cluster/rolling-restart" ->
          send(exchange, 200, "{\"ok\":true,\"message\":\"Restarted every worker on 2 nodes\"}");
      case "cluster/apps/api/rolling-restart" ->
          send(
              exchange,
              200,
              "{\"ok\":true,\"message\":\"Restarted every worker of api on 2 nodes\"}");
      default -> send(exchange, 404, "<html>not here</html>");
    }
  }

  static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(bytes);
    }
  }

  int run(String line) {
    return run(line, Map.of("FLEETGATE_API_TOKEN", TOKEN));
  }

  int run(String line, Map<String, String> env) {
    Map<String, String> withServer = new java.util.HashMap<>(env);
    withServer.put("FLEETGATE_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    return FleetgateCli.run(
        Arrays.asList(line.split(" ")),
        withServer,
        dir.resolve("conf/fleetgate.properties"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("R3 R4 a done operation prints the server's message and exits 0")
  void doneOperationExitsZero() {
    assertEquals(0, run("restart 1"));
    assertEquals("Restarted worker 1\n", out());
    assertEquals(List.of("POST workers/1/restart"), requests);
  }

  @Test
  @DisplayName("R1.1 an app's worker and an app's scale go to the API's URLs under apps/<app>/")
  void actsOnAnAppsWorkers() {
    assertEquals(0, run("restart api/0"));
    assertEquals(0, run("scale api 4"));
    assertEquals("Restarted worker api/0\nScaled api to 4 workers\n", out());
    assertEquals(
        List.of("POST apps/api/workers/0/restart", "POST apps/api/scale {\"count\":4}"), requests);
  }

  @Test
  @DisplayName("R1.1 R3 an unknown app is the server's refusal, exit 1")
  void unknownAppExitsOne() {
    assertEquals(1, run("rolling-restart nope"));
    assertEquals("fleetgate: no app named nope\n", err());
  }

  @Test
  @DisplayName("R1.1 R4 status of one app asks for that app only")
  void statusOfOneApp() {
    assertEquals(0, run("status api"));
    assertTrue(out().contains("\n0   READY"), out());
    assertTrue(out().endsWith("api: 1 of 1 ready\n"), out());
    assertEquals(List.of("GET apps/api/status"), requests);
  }

  @Test
  @DisplayName("R3 a refused operation says why on stderr and exits 1")
  void refusedOperationExitsOne() {
    assertEquals(1, run("restart 9"));
    assertEquals("fleetgate: restart worker 9 refused: no worker 9\n", err());
    assertEquals("", out());
  }

  @Test
  @DisplayName("R5 --json prints the API's answer as it is, also for a failure")
  void jsonPrintsTheAnswer() {
    assertEquals(1, run("scale 999 --json"));
    assertEquals("{\"ok\":false,\"message\":\"scale to 999 refused\"}\n", out());
    assertEquals(List.of("POST scale {\"count\":999}"), requests);
  }

  @Test
  @DisplayName("R4 status prints the table; --json the document")
  void statusPrintsTableOrJson() {
    assertEquals(0, run("status"));
    assertTrue(out().startsWith("ID  STATE  PID  PORT"), out());
    assertTrue(out().contains("\n0   READY  7    3000"), out());
    assertTrue(out().endsWith("1 of 1 ready\n"), out());

    out.reset();
    assertEquals(0, run("status --json"));
    assertTrue(out().startsWith("{\"time\":\"2026-12-02T15:00:00Z\""), out());
  }

  @Test
  @DisplayName("R3 without a token: exit 4 saying where a token comes from")
  void missingTokenExitsFour() {
    assertEquals(4, run("status", Map.of()));
    assertTrue(err().contains("no API token: set FLEETGATE_API_TOKEN"), err());
  }

  @Test
  @DisplayName("R3 with a wrong token: exit 4 with the server's message")
  void wrongTokenExitsFour() {
    assertEquals(4, run("status --token wrong-token-0123456789"));
    assertEquals("fleetgate: unauthorized: The API token is wrong.\n", err());
  }

  @Test
  @DisplayName("R3 a server that does not answer: exit 3")
  void unreachableExitsThree() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    int code =
        FleetgateCli.run(
            List.of("status"),
            Map.of("FLEETGATE_URL", "http://127.0.0.1:" + closed, "FLEETGATE_API_TOKEN", TOKEN),
            dir.resolve("none"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(3, code);
    assertTrue(err().startsWith("fleetgate: cannot reach Fleetgate at http://127.0.0.1:"), err());
  }

  @Test
  @DisplayName("R3 a usage error sends nothing and exits 2")
  void usageErrorExitsTwo() {
    assertEquals(2, run("restart x"));
    assertEquals(List.of(), requests);
  }

  @Test
  @DisplayName("R4 logs prints each line with its worker and stream")
  void logsPrintsLines() {
    assertEquals(0, run("logs -n 2"));
    assertEquals("0|out | hello\n1|err | oops\n", out());
  }

  @Test
  @DisplayName("R4 R5 logs -f prints the stream's lines as they come and ends when the worker goes")
  void followsTheStream() {
    assertEquals(0, run("logs -f 1"));
    assertEquals("1|out | first\n1|err | second\n", out());
    assertEquals("fleetgate: worker 1 is gone\n", err());

    out.reset();
    assertEquals(0, run("logs 1 --follow --json"));
    assertEquals(
        "{\"worker\":1,\"stream\":\"out\",\"text\":\"first\"}\n"
            + "{\"worker\":1,\"stream\":\"err\",\"text\":\"second\"}\n",
        out());
  }

  @Test
  @DisplayName("R7 status --cluster prints every node's workers in one table; --json the document")
  void clusterStatusPrintsOneTableOrTheDocument() {
    assertEquals(0, run("status --cluster"));
    assertTrue(out().startsWith("NODE   ID  STATE   PID"), out());
    assertTrue(out().contains("\nweb-2  0   FAILED  -    3000"), out());
    assertTrue(out().endsWith("cluster: 2 nodes (1 live), 1 grid member\n"), out());

    out.reset();
    assertEquals(0, run("status --cluster --json"));
    assertEquals(ClusterTableTest.TWO_NODES + "\n", out());
    assertEquals(List.of("GET cluster", "GET cluster"), requests);
  }

  @Test
  @DisplayName(
      "R7 --node sends a worker's operation and scale to the API's URLs under nodes/<name>/")
  void actsOnAnotherNodesWorkers() {
    assertEquals(0, run("restart api/0 --node web-2"));
    assertEquals(0, run("scale 3 --node=web-2"));
    assertEquals(
        "Restarted worker api/0 on node web-2\nScaled to 3 workers on node web-2\n", out());
    assertEquals(
        List.of(
            "POST nodes/web-2/apps/api/workers/0/restart", "POST nodes/web-2/scale {\"count\":3}"),
        requests);
  }

  @Test
  @DisplayName("R7 R3 an unknown node is the server's refusal, exit 1")
  void unknownNodeExitsOne() {
    assertEquals(1, run("rolling-restart --node gone"));
    assertEquals("fleetgate: no node named 'gone' in the cluster\n", err());
    assertEquals(List.of("POST nodes/gone/rolling-restart"), requests);
  }

  @Test
  @DisplayName("R7 logs --node reads another node's last lines; -f there is the server's refusal")
  void readsAnotherNodesLogs() {
    assertEquals(0, run("logs api -n 2 --node web-2"));
    assertEquals("api/0|out | from web-2\n", out());

    assertEquals(1, run("logs -f 1 --node web-2"));
    assertEquals("fleetgate: follow=true streams this node's workers only\n", err());
    assertEquals(
        List.of(
            "GET nodes/web-2/apps/api/logs?lines=2",
            "GET nodes/web-2/workers/1/logs?lines=15&follow=true"),
        requests);
  }

  @Test
  @DisplayName("R7 rolling-restart --cluster posts to cluster/, with an app to cluster/apps/<app>/")
  void rollsTheWholeCluster() {
    assertEquals(0, run("rolling-restart --cluster"));
    assertEquals(0, run("rolling-restart --cluster api"));
    assertEquals(
        "Restarted every worker on 2 nodes\nRestarted every worker of api on 2 nodes\n", out());
    assertEquals(
        List.of("POST cluster/rolling-restart", "POST cluster/apps/api/rolling-restart"), requests);
  }

  @Test
  @DisplayName("R7 R3 --node with status is a usage error that sends nothing")
  void nodeWithStatusSendsNothing() {
    assertEquals(2, run("status --node web-2"));
    assertTrue(err().contains("status --cluster shows every node"), err());
    assertEquals(List.of(), requests);
  }

  @Test
  @DisplayName("R6 an answer that is not the API's is a failure, not a crash")
  void foreignAnswerExitsOne() {
    server.removeContext("/admin/api/");
    server.createContext("/admin/api/", exchange -> send(exchange, 200, "<html>hello</html>"));

    assertEquals(1, run("status"));
    assertTrue(err().startsWith("fleetgate: unexpected answer from http://127.0.0.1:"), err());
  }
}

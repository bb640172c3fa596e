package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classic scenario: the Node.js app of {@code examples/node-app} (plain http + ws) as
 * Fleetgate's worker command, in place of Node's cluster + nginx.
 */
class NodeAppIT {
  static final Path CERTIFICATE =
      Path.of(System.getProperty("java.io.tmpdir"), "node-app-it-cert.pem");
  static MicroProcess server;
  static int tlsPort;
  static final Pattern WORKER = Pattern.compile("\"worker\":\"(\\d+)\"");

  @BeforeAll
  static void start() throws Exception {
    Path app = Path.of(System.getProperty("node.app.dir")).toAbsolutePath();
    // Without its packages the app exits at once, and the wait below would only time out.
    assertTrue(
        Files.isDirectory(app.resolve("node_modules/ws")),
        app + " has no node_modules: run `npm ci` there first (./fleetgate test does)");
    Path key = Path.of(System.getProperty("java.io.tmpdir"), "node-app-it-key.pem");
    Certificates.selfSigned(CERTIFICATE, key);
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      tlsPort = free.getLocalPort();
    }
    server =
        MicroProcess.start(
            Path.of(System.getProperty("java.io.tmpdir"), "node-app-it"),
            Map.of(
                "FLEETGATE_WORKERS_COUNT", "2",
                "FLEETGATE_WORKERS_BASE_PORT", "23240",
                "FLEETGATE_WORKERS_COMMAND", "node server.js",
                "FLEETGATE_WORKERS_DIRECTORY", app.toString(),
                "FLEETGATE_TLS_PORT", Integer.toString(tlsPort),
                "FLEETGATE_TLS_CERTIFICATE", CERTIFICATE.toString(),
                "FLEETGATE_TLS_KEY", key.toString()),
            List.of());
    Http.await(
        () -> Http.readyWorkers(server.base()) == 2,
        Duration.ofSeconds(180),
        "two node workers ready");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void requestsGoRoundRobinAcrossTheNodeProcesses() {
    Set<String> pids = new HashSet<>();
    List<String> workers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String body = Http.get(server.base(), "/rr").body();
      Matcher m = WORKER.matcher(body);
      assertTrue(m.find(), body);
      workers.add(m.group(1));
      Matcher pid = Pattern.compile("\"pid\":(\\d+)").matcher(body);
      assertTrue(pid.find());
      pids.add(pid.group(1));
    }
    assertEquals(2, pids.size(), "two node processes: " + workers);
    assertEquals(List.of("0", "1", "0", "1", "0", "1").size(), workers.size());
    for (int i = 2; i < workers.size(); i++) {
      assertEquals(workers.get(i - 2), workers.get(i), "alternates: " + workers);
    }
  }

  /**
   * Node closes a keep-alive connection after 5 s idle ({@code server.keepAliveTimeout}); the
   * proxy's pool lets go of its connections after 4 s ({@code jdk.httpclient.keepalive.timeout=4},
   * set by the launcher), so a POST, which is never retried, never lands on one Node closed.
   */
  @Test
  void aConnectionNodeClosedWhileIdleNeverFailsAPost() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 4; i++) {
        var response =
            client.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.base() + "/idle?round=" + round))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "round " + round + ": " + response.body());
      }
      if (round < 2) {
        Thread.sleep(5_100); // the idle time under test: just past Node's keepAliveTimeout
      }
    }
  }

  @Test
  void theAppSeesTheClientsHostAndForwardedFor() throws Exception {
    String response =
        Http.raw(
            "127.0.0.1",
            server.port,
            "GET /whoami HTTP/1.1\r\nHost: app.example:8080\r\nX-Forwarded-For: 203.0.113.9\r\n"
                + "Connection: close\r\n\r\n");
    assertTrue(response.contains("\"host\":\"app.example:8080\""), response);
    assertTrue(response.contains("\"xForwardedFor\":\"203.0.113.9, 127.0.0.1\""), response);
    assertTrue(response.contains("\"xForwardedProto\":\"http\""), response);
  }

  @Test
  void aWebSocketConversationGoesThroughTheProxy() throws Exception {
    converse(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + server.port + "/ws"));
  }

  /** The same conversation over wss:// on the TLS listener, which also offers HTTP/2. */
  @Test
  void aWebSocketConversationGoesThroughTheProxyOverTls() throws Exception {
    converse(
        HttpClient.newBuilder().sslContext(Certificates.trusting(CERTIFICATE)).build(),
        URI.create("wss://127.0.0.1:" + tlsPort + "/ws"));
  }

  private static void converse(HttpClient client, URI uri) throws Exception {
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket socket =
        client
            .newWebSocketBuilder()
            .buildAsync(
                uri,
                new WebSocket.Listener() {
                  private final StringBuilder message = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    message.append(data); // a large message arrives in parts
                    if (last) {
                      received.add(message.toString());
                      message.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                    closed.complete(code);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);

    String hello = received.poll(10, TimeUnit.SECONDS);
    assertTrue(hello != null && hello.startsWith("hello from worker "), "greeting: " + hello);
    String worker = hello.substring("hello from worker ".length());
    for (String message : List.of("one", "two", "x".repeat(100_000))) {
      socket.sendText(message, true).get(10, TimeUnit.SECONDS);
      String answer = received.poll(10, TimeUnit.SECONDS);
      assertTrue(
          ("worker " + worker + ": " + message).equals(answer),
          "echo of a "
              + message.length()
              + "-char message, got "
              + (answer == null ? "nothing" : answer.length() + " chars"));
    }
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    assertEquals(WebSocket.NORMAL_CLOSURE, closed.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aKilledNodeWorkerIsReplacedWhileRequestsKeepSucceeding() throws Exception {
    long victim = Http.workers(Http.details(server.base())).get(0).pid();
    ProcessHandle.of(victim).orElseThrow().destroyForcibly();
    int failures = 0;
    boolean replaced = false;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    int requests = 0;
    while (!replaced && System.nanoTime() < deadline) {
      HttpResponse<String> response = Http.get(server.base(), "/during-kill?i=" + requests++);
      if (response.statusCode() != 200) {
        failures++;
      }
      Http.WorkerInfo w = Http.workers(Http.details(server.base())).get(0);
      replaced = w != null && "READY".equals(w.state()) && w.pid() != victim;
    }
    assertTrue(replaced, "worker 0 replaced");
    assertEquals(0, failures, "failed requests during the replacement, of " + requests);
    for (int i = 0; i < 4; i++) {
      assertEquals(200, Http.get(server.base(), "/after?i=" + i).statusCode());
    }
  }
}

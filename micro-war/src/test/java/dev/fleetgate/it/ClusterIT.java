package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three Fleetgate nodes as one cluster on Payara's data grid (dev.fleetgate.supervisor.cluster
 * R1–R5): three Payara Micro servers on 127.0.0.1 with TCP/IP discovery (grid ports 23791–23793),
 * two sample workers each (23710+, 23720+, 23730+), and a fourth with a wrong secret (23794,
 * 23740+). The methods run in order and share the nodes; each leaves all three nodes live with two
 * READY workers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  static final String TOKEN = "cluster-it-api-token-" + Long.toHexString(System.nanoTime());
  static final String SECRET = "cluster-it-secret-" + Long.toHexString(System.nanoTime());
  static final String PASSWORD = "cluster-it-password-" + Long.toHexString(System.nanoTime());
  static final String MEMBERS = "127.0.0.1:23791,127.0.0.1:23792,127.0.0.1:23793";
  static final Duration BOOT = Duration.ofSeconds(240);

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  static Path work;
  static final MicroProcess[] nodes = new MicroProcess[4];

  @BeforeAll
  static void startThreeNodes() throws IOException {
    work = Path.of(System.getProperty("java.io.tmpdir"), "cluster-it");
    for (int n = 1; n <= 3; n++) {
      nodes[n] = startNode(n, SECRET);
    }
    for (int n = 1; n <= 3; n++) {
      int node = n;
      Http.await(
          () -> Http.readyWorkers(base(node)) == 2, BOOT, "node-" + node + ": 2 workers ready");
    }
    Http.await(() -> liveNodes(1) == 3, Duration.ofSeconds(60), "node-1 sees 3 live nodes");
  }

  static MicroProcess startNode(int n, String secret) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("FLEETGATE_WORKERS_COUNT", "2");
    env.put("FLEETGATE_WORKERS_BASE_PORT", Integer.toString(23700 + 10 * n));
    env.put("FLEETGATE_WORKERS_STOP_GRACE", "5s");
    env.put("FLEETGATE_WORKERS_DRAIN_TIMEOUT", "5s");
    env.put("FLEETGATE_WORKERS_HOST", "127.0.0.1");
    env.put("FLEETGATE_ADMIN_API_TOKEN", TOKEN);
    env.put("FLEETGATE_ADMIN_PASSWORD", PASSWORD);
    env.put("FLEETGATE_CLUSTER_ENABLED", "true");
    env.put("FLEETGATE_CLUSTER_SECRET", secret);
    env.put("FLEETGATE_CLUSTER_MEMBERS", MEMBERS);
    env.put("FLEETGATE_CLUSTER_PORT", Integer.toString(23790 + n));
    env.put("FLEETGATE_CLUSTER_INTERFACES", "127.0.0.1");
    env.put("FLEETGATE_CLUSTER_NODE_NAME", "node-" + n);
    return MicroProcess.start(work.resolve("node-" + n), env, List.of());
  }

  @AfterAll
  static void stopNodes() throws InterruptedException {
    for (MicroProcess node : nodes) {
      if (node != null) {
        node.close();
      }
    }
  }

  static String base(int n) {
    return nodes[n].base();
  }

  // ---- R1, R2: one view ----------------------------------------------------------------------

  @Test
  @Order(1)
  void r2_theApiAndTheCommandLineOfNode1ListSixWorkersOnThreeNodes() throws Exception {
    JsonObject cluster = cluster(1);
    assertTrue(cluster.getBoolean("enabled"));
    assertEquals("node-1", cluster.getString("node"));
    assertEquals(3, cluster.getInt("gridMembers"));
    List<JsonObject> listed = cluster.getJsonArray("nodes").getValuesAs(JsonObject.class);
    assertEquals(
        List.of("node-1", "node-2", "node-3"),
        listed.stream().map(n -> n.getString("name")).toList());
    for (JsonObject node : listed) {
      assertEquals("LIVE", node.getString("state"), node.toString());
      assertEquals(2, node.getJsonObject("status").getJsonArray("workers").size(), node.toString());
      assertTrue(node.getString("grid").startsWith("127.0.0.1:2379"), node.toString());
      assertFalse(node.getString("version").isEmpty());
    }

    Run status = cli(1, "status", "--cluster");
    assertEquals(0, status.exit(), status.toString());
    for (int n = 1; n <= 3; n++) {
      for (int id = 0; id < 2; id++) {
        String port = Integer.toString(23700 + 10 * n + id);
        String node = "node-" + n;
        assertTrue(
            status
                .out()
                .lines()
                .anyMatch(l -> l.startsWith(node) && l.contains(" READY ") && l.contains(port)),
            "a row of " + node + " worker " + id + ":\n" + status.out());
      }
    }
  }

  @Test
  @Order(2)
  void r1_theMembersAreInEveryNodesHealthData() throws IOException {
    // The single node's check (ReleaseIT: no thread named hz.*) means something: a node sees them.
    assertTrue(
        ReleaseIT.threadNames(nodes[1].process.pid()).stream().anyMatch(t -> t.startsWith("hz.")),
        "a clustered node runs the data grid's threads");
    for (int n = 1; n <= 3; n++) {
      String health = Http.get(base(n), "/health").body();
      assertTrue(health.contains("\"node.node-1\":\"LIVE"), health);
      assertTrue(health.contains("\"node.node-3\":\"LIVE"), health);
      assertTrue(
          health.contains("\"gridMembers\":\"3\"") || health.contains("\"gridMembers\":3"), health);
    }
  }

  // ---- R5: console sessions anywhere ---------------------------------------------------------

  @Test
  @Order(3)
  void r5_aConsoleSignedInOnNode1IsSignedInOnNode2() throws Exception {
    ChaosIT.ConsoleSession console = ChaosIT.signIn(nodes[1], PASSWORD);
    // R2: node 1's console lists six workers, grouped by their three nodes.
    String overview = console.overview();
    for (int n = 1; n <= 3; n++) {
      assertTrue(overview.contains("data-node=\"node-" + n + "\""), "a section for node-" + n);
    }
    assertEquals(6, overview.split("fg-worker-row", -1).length - 1, "six worker rows: " + overview);
    assertTrue(
        overview.contains("worker.xhtml?node=node-3"), "rows link to their node: " + overview);
    // The same client, as behind a load balancer: node 2 never saw this session.
    HttpResponse<String> onNode2 =
        console
            .browser()
            .send(
                HttpRequest.newBuilder(URI.create(base(2) + "/admin/index.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, onNode2.statusCode(), "not sent back to sign-in: " + onNode2.headers());
    assertTrue(onNode2.body().contains("node-3"), "node 2's console shows the cluster");

    HttpClient stranger =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> forged =
        stranger.send(
            HttpRequest.newBuilder(URI.create(base(2) + "/admin/index.xhtml"))
                .header("Cookie", "FLEETGATE_CONSOLE_TOKEN=1.YWRtaW4.admin.1.9999999999.AAAA")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, forged.statusCode(), "a forged token signs no one in");
  }

  // ---- R3: operations anywhere ---------------------------------------------------------------

  @Test
  @Order(4)
  void r3_aRestartOfNode3sWorkerFromNode1ChangesItsPidAndIsAuditedOnBoth() throws Exception {
    long before = pid(3, 0);
    long other = pid(3, 1);
    HttpResponse<String> restart =
        post(1, "/admin/api/nodes/node-3/apps/default/workers/0/restart", "");
    assertEquals(200, restart.statusCode(), restart.body());
    Http.await(
        () -> pid(3, 0) != before && Http.readyWorkers(base(3)) == 2,
        Duration.ofSeconds(60),
        "node-3's worker 0 running again with a new pid");
    assertNotEquals(before, pid(3, 0));
    assertEquals(other, pid(3, 1), "its other worker untouched");
    Http.await(
        () -> nodes[1].log().contains("action=restart worker=0 result=ok node=node-3"),
        Duration.ofSeconds(10),
        "node-1's audit line");
    Http.await(
        () ->
            nodes[3]
                .log()
                .contains("action=restart worker=0 result=ok node=node-3 from-node=node-1"),
        Duration.ofSeconds(10),
        "node-3's audit line");
  }

  @Test
  @Order(5)
  void r2_2_aWorkersLogIsFetchedFromItsNode() throws Exception {
    HttpResponse<String> logs =
        get(1, "/admin/api/nodes/node-2/apps/default/workers/1/logs?lines=50");
    assertEquals(200, logs.statusCode(), logs.body());
    assertTrue(logs.body().contains("23721"), "node-2's worker 1 says its port: " + logs.body());
  }

  @Test
  @Order(6)
  void r3_anUnknownNodeIsRefusedByName() throws Exception {
    HttpResponse<String> restart =
        post(1, "/admin/api/nodes/node-9/apps/default/workers/0/restart", "");
    assertEquals(404, restart.statusCode(), restart.body());
    assertTrue(restart.body().contains("node-9"), restart.body());
  }

  // ---- R4: loss and return -------------------------------------------------------------------

  @Test
  @Order(7)
  void r4_node2KilledIsLostOnNodes1And3Within10sWithoutAFailedRequestThere() throws Exception {
    List<Long> node2Workers = List.of(pid(2, 0), pid(2, 1));
    try (Load load = new Load(List.of(base(1), base(3)))) {
      Thread.sleep(1000);
      long killed = System.nanoTime();
      nodes[2].killHard();
      long[] seenLost = new long[4];
      Http.await(
          () -> {
            for (int n : new int[] {1, 3}) {
              if (seenLost[n] == 0 && "LOST".equals(state(n, "node-2"))) {
                seenLost[n] = System.nanoTime();
              }
            }
            return seenLost[1] != 0 && seenLost[3] != 0;
          },
          Duration.ofSeconds(10),
          "node-2 lost on nodes 1 and 3");
      System.out.printf(
          "FIGURE cluster, kill -9 of a node to shown lost: node-1 %d ms, node-3 %d ms%n",
          (seenLost[1] - killed) / 1_000_000, (seenLost[3] - killed) / 1_000_000);
      JsonObject lost = node(1, "node-2");
      assertFalse(lost.isNull("lostAt"), lost.toString());
      Thread.sleep(2000);
      load.assertNoFailure();
    }
    for (long pid : node2Workers) {
      Http.await(
          () -> ProcessHandle.of(pid).isEmpty(), Duration.ofSeconds(15), "orphan " + pid + " gone");
    }
  }

  @Test
  @Order(8)
  void r4_node2RestartedRejoinsByItself() throws Exception {
    nodes[2] = startNode(2, SECRET);
    Http.await(() -> Http.readyWorkers(base(2)) == 2, BOOT, "node-2: 2 workers ready");
    for (int n = 1; n <= 3; n++) {
      int node = n;
      Http.await(
          () -> liveNodes(node) == 3, Duration.ofSeconds(30), "node-" + node + " sees 3 live");
    }
  }

  @Test
  @Order(9)
  void r3_3_aClusterRollingRestartUnderLoadFailsNoRequest() throws Exception {
    Map<Integer, List<Long>> before = new HashMap<>();
    for (int n = 1; n <= 3; n++) {
      before.put(n, pids(n));
    }
    try (Load load = new Load(List.of(base(1), base(2), base(3)))) {
      Thread.sleep(1000);
      long started = System.nanoTime();
      HttpResponse<String> restart = post(2, "/admin/api/cluster/rolling-restart", "");
      assertEquals(200, restart.statusCode(), restart.body());
      System.out.printf(
          "FIGURE cluster, rolling restart of 3 nodes x 2 workers under load: %d ms, %d requests%n",
          (System.nanoTime() - started) / 1_000_000, load.ok.get());
      Thread.sleep(1000);
      load.assertNoFailure();
      assertTrue(load.ok.get() > 100, "requests served meanwhile: " + load.ok.get());
    }
    for (int n = 1; n <= 3; n++) {
      List<Long> after = pids(n);
      assertEquals(2, after.size(), "node-" + n + " runs 2 workers");
      for (long pid : after) {
        assertFalse(before.get(n).contains(pid), "node-" + n + ": every worker replaced, " + after);
      }
      assertEquals(2, Http.readyWorkers(base(n)));
    }
  }

  // ---- R1.2: the secret ----------------------------------------------------------------------

  @Test
  @Order(10)
  void r1_2_aNodeWithAWrongSecretIsNotLetIn() throws Exception {
    nodes[0] = startNode(4, "another-secret-" + Long.toHexString(System.nanoTime()));
    try {
      Http.await(() -> Http.readyWorkers(nodes[0].base()) == 2, BOOT, "node-4 ready");
      Thread.sleep(5000); // time enough to have joined, had it been let in
      JsonObject seenBy1 = cluster(1);
      assertEquals(3, seenBy1.getInt("gridMembers"), seenBy1.toString());
      assertTrue(
          seenBy1.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
              .noneMatch(n -> n.getString("name").equals("node-4")),
          seenBy1.toString());
      JsonObject seenBy4 = clusterOf(nodes[0].base());
      assertEquals(1, seenBy4.getJsonArray("nodes").size(), seenBy4.toString());
    } finally {
      nodes[0].close();
      nodes[0] = null;
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Clients sending GETs round-robin to {@code bases} until closed, counting what failed. */
  static final class Load implements AutoCloseable {
    final AtomicLong ok = new AtomicLong();
    final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicBoolean running = new AtomicBoolean(true);
    final List<Thread> threads = new ArrayList<>();

    Load(List<String> bases) {
      for (int t = 0; t < 4; t++) {
        int first = t;
        Thread thread =
            new Thread(
                () -> {
                  int i = first;
                  long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                  while (running.get() && System.nanoTime() < deadline) {
                    String target = bases.get(i++ % bases.size());
                    try {
                      HttpResponse<String> r =
                          HTTP.send(
                              HttpRequest.newBuilder(URI.create(target + "/load"))
                                  .timeout(Duration.ofSeconds(20))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString());
                      if (r.statusCode() == 200) {
                        ok.incrementAndGet();
                      } else {
                        failures.add(target + " " + r.statusCode() + " " + r.body());
                      }
                    } catch (IOException e) {
                      failures.add(target + " " + e);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
        threads.add(thread);
        thread.start();
      }
    }

    void assertNoFailure() {
      assertTrue(
          failures.isEmpty(),
          failures.size() + " failed, first: " + failures.stream().limit(3).toList());
      assertTrue(ok.get() > 0, "requests were served");
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join(30_000);
      }
    }
  }

  static JsonObject cluster(int n) {
    return clusterOf(base(n));
  }

  static JsonObject clusterOf(String base) {
    try {
      HttpResponse<String> response = send(base, "GET", "/admin/api/cluster", null);
      assertEquals(200, response.statusCode(), response.body());
      return Json.createReader(new StringReader(response.body())).readObject();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static JsonObject node(int n, String name) {
    return cluster(n).getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
        .filter(o -> o.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not listed by node-" + n));
  }

  static String state(int n, String name) {
    try {
      return node(n, name).getString("state");
    } catch (RuntimeException | AssertionError e) {
      return "";
    }
  }

  static long liveNodes(int n) {
    try {
      return cluster(n).getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
          .filter(o -> o.getString("state").equals("LIVE"))
          .count();
    } catch (RuntimeException | AssertionError e) {
      return 0;
    }
  }

  /** The pids of node {@code n}'s workers (a rolling restart gives replacements new ids). */
  static List<Long> pids(int n) {
    return Http.workers(Http.details(base(n))).values().stream()
        .map(Http.WorkerInfo::pid)
        .filter(pid -> pid > 0)
        .toList();
  }

  /** Worker {@code id}'s pid, as its own node reports it. */
  static long pid(int n, int id) {
    return Http.workers(Http.details(base(n))).get(id).pid();
  }

  static HttpResponse<String> get(int n, String path) throws IOException {
    return send(base(n), "GET", path, null);
  }

  static HttpResponse<String> post(int n, String path, String body) throws IOException {
    return send(base(n), "POST", path, body);
  }

  static HttpResponse<String> send(String base, String method, String path, String body)
      throws IOException {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Authorization", "Bearer " + TOKEN)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body))
              .timeout(Duration.ofMinutes(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  record Run(int exit, String out, String err) {}

  /** {@code ./fleetgate <args>} against node {@code n}, as an operator runs it. */
  static Run cli(int n, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("it.launcher"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work, "cli", ".out");
    Path err = Files.createTempFile(work, "cli", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("FLEETGATE_"));
    builder.environment().put("FLEETGATE_URL", base(n));
    builder.environment().put("FLEETGATE_API_TOKEN", TOKEN);
    Process process = builder.start();
    assertTrue(process.waitFor(180, TimeUnit.SECONDS), "fleetgate " + String.join(" ", args));
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}

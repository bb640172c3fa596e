package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fleetgate as users run it: the merged WAR on Payara Micro with two sample workers. One Payara
 * Micro serves every method of this class.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetgateOnMicroIT {
  private static final Pattern WORKER_ID = Pattern.compile("\"worker\":\"(\\d+)\"");

  /** The WAR the build made, deployed as ROOT so the proxy is at / and the console at /admin. */
  @Deployment(testable = false)
  static WebArchive fleetgate() {
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
        .importFrom(new File(System.getProperty("fleetgate.war")))
        .as(WebArchive.class);
  }

  @ArquillianResource URL url;

  /** Loopback only, whatever host name Payara Micro reports. */
  String base() {
    return "http://127.0.0.1:" + url.getPort();
  }

  Map<Integer, Http.WorkerInfo> workers() {
    return Http.workers(Http.details(base()));
  }

  @Test
  @Order(1)
  void workersComeUpAndEveryHealthEndpointSaysSo() {
    Http.await(() -> Http.status(base(), "/health/ready") == 200, Duration.ofSeconds(60), "ready");
    Map<Integer, Http.WorkerInfo> workers = workers();
    assertEquals(2, workers.size(), workers.toString());
    workers.values().forEach(w -> assertEquals("READY", w.state()));
    workers.values().forEach(w -> assertTrue(ProcessHandle.of(w.pid()).isPresent()));
    assertEquals(200, Http.status(base(), "/health/live"));
    assertEquals(200, Http.status(base(), "/health/started"));
    String live = Http.get(base(), "/health/live").body();
    assertTrue(live.contains("fleetgate-supervisor"), live);
  }

  @Test
  @Order(2)
  void requestsReachTheWorkersRoundRobin() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> response = Http.get(base(), "/round-robin?i=" + i);
      assertEquals(200, response.statusCode(), response.body());
      Matcher m = WORKER_ID.matcher(response.body());
      assertTrue(m.find(), response.body());
      ids.add(m.group(1));
    }
    for (int i = 2; i < ids.size(); i++) {
      assertEquals(ids.get(i - 2), ids.get(i), "alternates: " + ids);
    }
    assertNotEquals(ids.get(0), ids.get(1), "both workers serve: " + ids);
  }

  /** Connections to workers are pooled: one keep-alive connection per worker serves them all. */
  @Test
  @Order(2)
  void connectionsToTheWorkersAreKeptAliveAndReused() {
    Map<String, java.util.Set<String>> portsByWorker = new java.util.TreeMap<>();
    Pattern answer = Pattern.compile("\"worker\":\"(\\d+)\",\"peerPort\":(\\d+)");
    for (int i = 0; i < 8; i++) {
      String body = Http.get(base(), "/connection").body();
      Matcher m = answer.matcher(body);
      assertTrue(m.find(), body);
      portsByWorker.computeIfAbsent(m.group(1), k -> new java.util.TreeSet<>()).add(m.group(2));
    }
    assertEquals(2, portsByWorker.size(), "both workers answered: " + portsByWorker);
    portsByWorker.forEach(
        (worker, ports) -> assertEquals(1, ports.size(), "worker " + worker + ": " + ports));
  }

  @Test
  @Order(3)
  void keepsTheClientsHostAndAddsForwardingHeaders() throws Exception {
    String response =
        Http.raw(
            "127.0.0.1",
            url.getPort(),
            "GET /who?x=1 HTTP/1.1\r\nHost: shop.example\r\nConnection: close\r\n\r\n");
    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    assertTrue(response.contains("\"host\":\"shop.example\""), response);
    assertTrue(response.contains("\"xForwardedFor\":\"127.0.0.1\""), response);
    assertTrue(response.contains("\"xForwardedHost\":\"shop.example\""), response);
    assertTrue(response.contains("\"xForwardedProto\":\"http\""), response);
    assertTrue(response.contains("\"path\":\"/who\""), response);
  }

  @Test
  @Order(4)
  void theConsoleRefusesAnonymousAccess() {
    for (String path : List.of("/admin/", "/admin/index.xhtml")) {
      HttpResponse<String> response = Http.get(base(), path);
      String location = response.headers().firstValue("Location").orElse("");
      boolean redirectedToLogin = response.statusCode() == 302 && location.contains("login");
      boolean loginForm =
          response.statusCode() == 200 && response.body().contains("type=\"password\"");
      boolean refused = response.statusCode() == 401 || response.statusCode() == 403;
      assertTrue(
          redirectedToLogin || loginForm || refused,
          path + " -> " + response.statusCode() + " " + location + " " + response.body());
      assertFalse(response.body().contains("sample-worker"), "no worker data: " + path);
      assertFalse(response.body().contains("\"worker\":"), "not proxied to a worker: " + path);
    }
  }

  @Test
  @Order(5)
  void aWorkerKilledWithSigkillIsReplacedAndTrafficContinues() {
    Map<Integer, Http.WorkerInfo> before = workers();
    long victim = before.get(0).pid();

    long killedAt = System.nanoTime();
    ProcessHandle.of(victim).orElseThrow().destroyForcibly();
    Http.await(
        () -> {
          Http.WorkerInfo w = workers().get(0);
          return w != null && "READY".equals(w.state()) && w.pid() != victim;
        },
        Duration.ofSeconds(30),
        "worker 0 replaced");
    long replacedMillis = (System.nanoTime() - killedAt) / 1_000_000;
    System.out.printf(
        "FIGURE kill -9 of a worker to its replacement READY: %d ms%n", replacedMillis);

    long newPid = workers().get(0).pid();
    List<String> served = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> response = Http.get(base(), "/after-kill?i=" + i);
      assertEquals(200, response.statusCode(), response.body());
      Matcher m = WORKER_ID.matcher(response.body());
      assertTrue(m.find());
      served.add(m.group(1));
      if (response.body().contains("\"pid\":" + newPid)) {
        served.add("replacement");
      }
    }
    assertTrue(served.contains("replacement"), "the replacement serves: " + served);
    assertTrue(ProcessHandle.of(victim).isEmpty());
  }
}

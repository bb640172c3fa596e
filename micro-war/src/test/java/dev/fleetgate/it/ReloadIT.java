package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reload without downtime (issue 12; dev.fleetgate.supervisor.reload R1–R3): the config file
 * changed under a running server and SIGHUP, while GETs and POSTs keep coming. Worker ports
 * 23640–23649.
 */
class ReloadIT {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void aProxySettingAndTheWorkersEnvironmentChangeUnderLoadWithoutOneFailedRequest()
      throws Exception {
    Path file = dir.resolve("fleetgate.properties");
    String base =
        "fleetgate.workers.count=2\nfleetgate.workers.base-port=23640\n"
            + "fleetgate.workers.log-to-stdout=true\n";
    Files.writeString(file, base);
    try (MicroProcess server =
        MicroProcess.start(
            dir.resolve("server"), Map.of(), List.of("-Dfleetgate.config=" + file))) {
      Http.await(
          () -> Http.readyWorkers(server.base()) == 2, Duration.ofSeconds(180), "two workers");
      Set<Long> firstPids = pids(server);
      server.awaitLog("0|out| sample-worker", Duration.ofSeconds(10));
      assertTrue(
          server.log().contains("0|out| sample-worker 0 listening"),
          "log-to-stdout: worker lines on the server's output, prefixed with the worker id");
      assertEquals(200, post(server, 2048), "a 2 KiB POST under the default body limit");
      assertEquals(2048, echoed(server, 2048), "its body reached the worker whole");

      try (Load load = new Load(server)) {
        // A proxy setting: in force for the next request, nothing restarted.
        Files.writeString(file, base + "fleetgate.proxy.max-body-size=1K\n");
        server.signal("HUP");
        Http.await(() -> post(server, 2048) == 413, Duration.ofSeconds(30), "the new body limit");
        assertEquals(firstPids, pids(server), "a proxy setting restarts no worker");

        // What the workers are started with: replaced one at a time, none of the load failing.
        Files.writeString(
            file, base + "fleetgate.proxy.max-body-size=1K\nfleetgate.workers.env=RELEASE=2\n");
        server.signal("HUP");
        Http.await(
            () -> Collections.disjoint(pids(server), firstPids) && readyCount(server) == 2,
            Duration.ofSeconds(120),
            "both workers replaced and ready");
        Thread.sleep(1_000); // the load goes on across the last drain
        load.assertNoFailure();
      }

      // An invalid file is refused: the server keeps its configuration and serves on.
      Set<Long> pidsBefore = pids(server);
      Files.writeString(file, base + "fleetgate.proxy.balance=random\n");
      server.signal("HUP");
      server.awaitLog("Reload refused", Duration.ofSeconds(30));
      assertTrue(server.log().contains("fleetgate.proxy.balance='random'"), "the problem is named");
      assertEquals(413, post(server, 2048), "the running configuration stays");
      assertEquals(pidsBefore, pids(server), "no worker touched");
      assertEquals(200, Http.status(server.base(), "/after-refused-reload"));
    }
  }

  private static Set<Long> pids(MicroProcess server) {
    Set<Long> pids = new HashSet<>();
    Http.workers(Http.details(server.base())).values().forEach(w -> pids.add(w.pid()));
    return pids;
  }

  /** The length of the body the worker echoed back for a POST of {@code bytes} bytes. */
  private static int echoed(MicroProcess server, int bytes) throws Exception {
    return CLIENT
        .send(
            HttpRequest.newBuilder(URI.create(server.base() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[bytes]))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray())
        .body()
        .length;
  }

  private static long readyCount(MicroProcess server) {
    return Http.readyWorkers(server.base());
  }

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static int post(MicroProcess server, int bytes) {
    try {
      return CLIENT
          .send(
              HttpRequest.newBuilder(URI.create(server.base() + "/echo"))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[bytes]))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  /** GETs and small POSTs from four threads until closed; every answer must be a 200. */
  private static final class Load implements AutoCloseable {
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicInteger done = new AtomicInteger();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final List<Thread> threads = new ArrayList<>();

    Load(MicroProcess server) {
      for (int t = 0; t < 4; t++) {
        boolean posting = t % 2 == 1;
        Thread thread =
            new Thread(
                () -> {
                  int i = 0;
                  while (running.get() && i++ < 100_000) {
                    int status =
                        posting ? post(server, 200) : Http.status(server.base(), "/load?i=" + i);
                    done.incrementAndGet();
                    if (status != 200) {
                      failures.add((posting ? "POST " : "GET ") + status);
                    }
                  }
                });
        thread.start();
        threads.add(thread);
      }
    }

    void assertNoFailure() {
      assertTrue(done.get() > 100, "the load ran: " + done.get() + " requests");
      List<String> failed = List.copyOf(failures);
      assertEquals(
          0,
          failed.size(),
          failed.size()
              + " failed of "
              + done.get()
              + " requests, the first: "
              + failed.subList(0, Math.min(10, failed.size())));
      System.out.printf("FIGURE reload under load: %d requests, 0 failed%n", done.get());
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join(30_000);
      }
    }
  }
}

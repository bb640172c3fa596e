package dev.fleetgate.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the integration tests need to talk to a running Fleetgate over loopback. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * The scrapers' token every test server is started with ({@code fleetgate.metrics.token}): the
   * workers' states and pids are at {@code /admin/metrics}, not in the public {@code /health}.
   */
  static final String METRICS_TOKEN = "it-metrics-token";

  private static final Pattern WORKER_STATE =
      Pattern.compile(
          "fleetgate_worker_state\\{app=\"default\",worker=\"(\\d+)\",state=\"(\\w+)\"} 1\n");
  private static final Pattern WORKER_PID =
      Pattern.compile("fleetgate_worker_info\\{app=\"default\",worker=\"(\\d+)\",pid=\"(\\d+)\"");

  private Http() {}

  static HttpResponse<String> get(String base, String path) {
    try {
      return CLIENT.send(
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The body, or "" while the server does not answer yet. */
  static String bodyOrEmpty(String base, String path) {
    try {
      return get(base, path).body();
    } catch (RuntimeException e) {
      return "";
    }
  }

  static int status(String base, String path) {
    try {
      return get(base, path).statusCode();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** Sends raw request bytes and returns everything the server answers until it closes. */
  static String raw(String host, int port, String request) throws IOException {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * {@code /admin/metrics} read with {@link #METRICS_TOKEN}; "" while the server does not answer.
   */
  static String details(String base) {
    try {
      HttpResponse<String> response =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(base + "/admin/metrics"))
                  .header("Authorization", "Bearer " + METRICS_TOKEN)
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (IOException | RuntimeException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Worker id → state and pid (-1 without a process), read from {@link #details}' text. */
  static Map<Integer, WorkerInfo> workers(String metricsText) {
    Map<Integer, Long> pids = new HashMap<>();
    Matcher pid = WORKER_PID.matcher(metricsText);
    while (pid.find()) {
      pids.put(Integer.parseInt(pid.group(1)), Long.parseLong(pid.group(2)));
    }
    Map<Integer, WorkerInfo> workers = new HashMap<>();
    Matcher state = WORKER_STATE.matcher(metricsText);
    while (state.find()) {
      int id = Integer.parseInt(state.group(1));
      workers.put(id, new WorkerInfo(state.group(2), pids.getOrDefault(id, -1L)));
    }
    return workers;
  }

  record WorkerInfo(String state, long pid) {}

  /** How many workers are READY; 0 while the server does not answer. */
  /** Requests in flight at the workers, from the proxy's own count in /admin/metrics. */
  static long inFlight(String base) {
    long sum = 0;
    for (String line : details(base).split("\n")) {
      if (line.startsWith("fleetgate_worker_in_flight{")) {
        sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  static long readyWorkers(String base) {
    return workers(details(base)).values().stream().filter(w -> "READY".equals(w.state())).count();
  }

  static void await(BooleanSupplier condition, Duration limit, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + limit.toSeconds() + " s waiting for: " + what);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what);
      }
    }
  }
}

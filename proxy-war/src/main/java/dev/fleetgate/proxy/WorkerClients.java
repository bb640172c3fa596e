package dev.fleetgate.proxy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JDK HTTP clients that talk to the workers (R14): built once at start, one per two cores, each
 * with its own selector thread and keep-alive pool; a worker is always reached through the same
 * client, so its pooled connections are found again.
 *
 * <p>A client's callbacks run on its selector thread, not on an executor. Nothing in them blocks
 * (bodies move through non-blocking servlet I/O), and the hand-off to another thread was a third of
 * the CPU of a proxied request (async-profiler under {@code bench/run}: 0.65 ms of CPU per request
 * with a thread per core, 0.44 ms inline). One selector thread can then use one core: hence one
 * client per two cores, the other core being left to the container's own threads.
 */
final class WorkerClients {
  private static final Logger LOG = Logger.getLogger(WorkerClients.class.getName());

  private final HttpClient[] clients;

  WorkerClients(int count, Duration connectTimeout) {
    clients = new HttpClient[count];
    for (int i = 0; i < count; i++) {
      clients[i] =
          HttpClient.newBuilder()
              .executor(INLINE)
              // Workers speak HTTP/1.1, as with nginx's proxy_http_version 1.1; no h2c tries.
              .version(HttpClient.Version.HTTP_1_1)
              // A worker's redirect is for the client to follow, not for us.
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(connectTimeout)
              // No cookie handler: cookies of different clients must never mix.
              .build();
    }
  }

  /** One client per two available processors, at least one. */
  static int countFor(int processors) {
    return Math.max(1, processors / 2);
  }

  /** The client that reaches this worker. */
  HttpClient forWorker(int workerId) {
    return clients[Math.floorMod(workerId, clients.length)];
  }

  int size() {
    return clients.length;
  }

  /**
   * Runs a client's task on the calling thread. An exception escaping to the selector thread would
   * end the client for every request (the JDK shuts it down), so it is logged and stays with its
   * exchange, which the idle timeouts then end, as a pool thread would have left it.
   */
  static final Executor INLINE =
      task -> {
        try {
          task.run();
        } catch (RuntimeException | StackOverflowError e) {
          LOG.log(Level.SEVERE, "A worker exchange's callback failed", e);
        }
      };
}

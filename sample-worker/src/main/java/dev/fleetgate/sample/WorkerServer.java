package dev.fleetgate.sample;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running sample worker: the JDK HTTP server, its threads and its routes. {@link SampleWorker}
 * starts one per process; tests start as many as they like on port 0.
 */
final class WorkerServer {

  private static final String NODELAY = "sun.net.httpserver.nodelay";

  /** Connections waiting to be accepted; the kernel caps it at {@code net.core.somaxconn}. */
  private static final int BACKLOG = 1024;

  static {
    // The JDK server reads this once, when its config class loads, and then sets TCP_NODELAY on
    // each accepted socket. Without it Nagle's algorithm holds a small body written after the
    // headers until the client's delayed ACK: up to 40 ms per request. A value set by the user
    // wins.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final InFlight inFlight;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private WorkerServer(HttpServer server, ExecutorService executor, InFlight inFlight) {
    this.server = server;
    this.executor = executor;
    this.inFlight = inFlight;
  }

  /** Starts a worker that writes its access log, if on, to stdout. */
  static WorkerServer start(WorkerConfig config) throws IOException {
    return start(config, System.out);
  }

  static WorkerServer start(WorkerConfig config, PrintStream accessLogOut) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(config.host(), config.port()), BACKLOG);
    HttpContext context =
        server.createContext("/", new Routes(WorkerIdentity.of(config.workerId()), config.chaos()));
    InFlight inFlight = new InFlight();
    context.getFilters().add(inFlight);
    if (config.accessLog()) {
      context.getFilters().add(new AccessLog(accessLogOut));
    }
    // Slow requests (SSE, delay, hang) each hold a thread while they wait, so the pool grows on
    // demand rather than queueing them behind a fixed size; idle threads die after a minute.
    // Daemon threads, so a handler that never returns cannot keep the process alive.
    ExecutorService executor = Executors.newCachedThreadPool(new HandlerThreads());
    server.setExecutor(executor);
    server.start();
    return new WorkerServer(server, executor, inFlight);
  }

  /** The address actually bound: with port 0, the port the system chose. */
  InetSocketAddress address() {
    return server.getAddress();
  }

  int inFlight() {
    return inFlight.count();
  }

  /**
   * Stops gracefully (R13): stops accepting at once, lets requests in flight finish for up to
   * {@code grace}, then closes every connection and interrupts handlers still running. Calls after
   * the first do nothing.
   */
  void stop(Duration grace) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    // HttpServer.stop(delay) closes the listener first, then waits for the exchanges to end, but in
    // JDK 17 it notices they have ended only if one ends while it waits: with none in flight it
    // sleeps the whole delay. So it runs on the side, only to close the listener, while the
    // in-flight count decides how long to wait; stop(0) then ends both.
    Thread listenerCloser =
        new Thread(() -> server.stop((int) grace.toSeconds() + 1), "sample-worker-stop");
    listenerCloser.setDaemon(true);
    listenerCloser.start();
    inFlight.awaitNone(grace);
    server.stop(0);
    executor.shutdownNow();
  }

  /** Names the handler threads and makes them daemons. */
  private static final class HandlerThreads implements ThreadFactory {

    private final AtomicInteger next = new AtomicInteger(1);

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "sample-worker-http-" + next.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    }
  }
}

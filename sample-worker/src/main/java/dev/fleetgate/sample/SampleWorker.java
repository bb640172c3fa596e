package dev.fleetgate.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The sample worker's process: reads the environment (R1), waits the start delay (R16), listens and
 * announces itself (R2), and stops gracefully on SIGTERM (R13). See the package documentation for
 * the endpoints.
 */
public final class SampleWorker {

  /** Exit code for an invalid environment. */
  static final int EXIT_CONFIG = 2;

  /** Exit code when the address cannot be bound. */
  static final int EXIT_LISTEN = 1;

  /** How long a SIGTERM waits for requests in flight. */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private SampleWorker() {}

  /**
   * Runs the worker until SIGTERM.
   *
   * @param args ignored; the worker is configured by environment variables
   */
  public static void main(String[] args) {
    WorkerConfig config;
    try {
      config = WorkerConfig.fromEnv(System.getenv());
    } catch (IllegalArgumentException invalid) {
      System.err.println("sample-worker: invalid environment: " + invalid.getMessage());
      System.exit(EXIT_CONFIG);
      return;
    }
    String name = "sample-worker " + config.workerId();
    if (!waitToStart(config.startDelay())) {
      return;
    }
    WorkerServer server;
    try {
      server = WorkerServer.start(config);
    } catch (IOException | RuntimeException cannotListen) {
      System.err.println(
          name + ": cannot listen on " + config.host() + ":" + config.port() + ": " + cannotListen);
      System.exit(EXIT_LISTEN);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(name, server), name + " stop"));
    System.out.println(
        name
            + " listening on "
            + hostAndPort(server.address())
            + " (pid "
            + ProcessHandle.current().pid()
            + ")");
    System.err.println(name + " stderr ready");
  }

  /**
   * Runs in the shutdown hook. It ends with {@code halt(0)} because a JVM ended by SIGTERM exits
   * with 143 even when its hooks complete; the supervisor reads 0 as a clean stop.
   */
  private static void stop(String name, WorkerServer server) {
    System.out.println(name + " stopping");
    server.stop(STOP_GRACE);
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(0);
  }

  private static boolean waitToStart(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String hostAndPort(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}

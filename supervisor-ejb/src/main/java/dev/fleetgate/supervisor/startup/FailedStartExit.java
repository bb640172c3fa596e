package dev.fleetgate.supervisor.startup;

import dev.fleetgate.supervisor.config.ConfigCheck;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Ends the JVM with status 1 after a failed start, when {@value ConfigCheck#STANDALONE} asks for it
 * (R2): Payara Micro alone would keep running without the application, answering 404, and systemd
 * or Kubernetes would take it for a running server.
 *
 * <p>Prepared while the application's class loader works: when a failed deployment is undone, the
 * container stops that loader before CDI's last event, and no class of ours can be loaded then.
 */
final class FailedStartExit {
  private static final Logger LOG = Logger.getLogger(FailedStartExit.class.getName());

  /** How long the shutdown hooks may take before the JVM halts. */
  static final long HALT_AFTER_MILLIS = 10_000;

  private final boolean armed;
  private final AtomicBoolean fired = new AtomicBoolean();
  private final Thread exit;
  private final Thread halt;

  private FailedStartExit(boolean armed) {
    this.armed = armed;
    // Threads of our own, not the container's: the container is what is being ended. The calling
    // deployment thread returns and finishes failing; System.exit runs the shutdown hooks, which
    // stop the server (and with it any worker), and would wait for that thread.
    this.exit = new Thread(FailedStartExit::exitNow, "fleetgate-exit-after-failed-start");
    this.halt = new Thread(FailedStartExit::haltLater, "fleetgate-halt-after-failed-start");
    halt.setDaemon(true);
  }

  /** Reads the switch and gets everything the exit needs ready, while classes can be loaded. */
  static FailedStartExit prepare() {
    FailedStartExit prepared = new FailedStartExit(requested());
    prepared.jvmStopping(); // resolves what the probe calls
    // The probe's catch clause names its class, which is only resolved when something is thrown.
    LOG.finest(IllegalStateException.class.getName());
    return prepared;
  }

  /** Whether the launcher asked for it ({@link Standalone}). */
  static boolean requested() {
    return Standalone.requested();
  }

  boolean armed() {
    return armed;
  }

  /** Whether the JVM is already running its shutdown hooks (then no hook can be added). */
  boolean jvmStopping() {
    Thread probe = new Thread();
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException shutdownInProgress) {
      return true;
    }
  }

  /** Logs {@code message}, then ends the JVM with status 1, once; returns at once. */
  void now(String message) {
    if (!armed || !fired.compareAndSet(false, true)) {
      return;
    }
    LOG.severe(message);
    halt.start();
    exit.start();
  }

  private static void exitNow() {
    System.exit(1);
  }

  private static void haltLater() {
    try {
      Thread.sleep(HALT_AFTER_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(1);
  }
}

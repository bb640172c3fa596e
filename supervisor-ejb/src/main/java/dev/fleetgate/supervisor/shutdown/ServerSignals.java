package dev.fleetgate.supervisor.shutdown;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT, taken over from the JVM's default (which runs the shutdown hooks at once and
 * exits with 143 or 130): the first starts a graceful stop on a thread of its own, which ends the
 * JVM with {@code System.exit(0)}; a second one hurries it (R1, R2). SIGHUP reloads the
 * configuration, as {@code nginx -s reload} (R3).
 */
public final class ServerSignals {
  private static final Logger LOG = Logger.getLogger(ServerSignals.class.getName());

  private ServerSignals() {}

  /**
   * @param beginStop marks the server as stopping (not ready, connections closed after answers)
   * @param drain waits for the requests in flight
   * @param reload reads the configuration again (it logs its own outcome)
   */
  public static void install(Runnable beginStop, GracefulStop drain, Runnable reload) {
    SignalHandler before =
        Signal.handle(
            new Signal("HUP"),
            signal -> {
              LOG.info("SIGHUP: reloading the configuration");
              try {
                reload.run();
              } catch (RuntimeException refused) {
                LOG.log(Level.FINE, "Reload after SIGHUP refused", refused); // logged by reload
              }
            });
    warnIfInheritedIgnored(
        "HUP", before, "kill -HUP will not reload; use ./fleetgate reload or the console's Reload");
    AtomicBoolean stopping = new AtomicBoolean();
    for (String name : new String[] {"TERM", "INT"}) {
      before =
          Signal.handle(
              new Signal(name),
              signal -> {
                if (!stopping.compareAndSet(false, true)) {
                  drain.hurry();
                  return;
                }
                Thread stopper = new Thread(() -> stop(signal.getName(), beginStop, drain));
                stopper.setName("fleetgate-stop");
                stopper.start();
              });
      warnIfInheritedIgnored(
          name, before, "it will not stop the server; use ./fleetgate stop or another signal");
    }
  }

  /**
   * The JVM leaves a signal its parent ignored (nohup ignores HUP; a shell without job control
   * ignores INT for what it starts with {@code &}) ignored, and says nothing: we do.
   */
  private static void warnIfInheritedIgnored(String name, SignalHandler before, String effect) {
    if (before == SignalHandler.SIG_IGN) {
      LOG.log(
          Level.WARNING,
          "SIG{0} is ignored by this process, as its parent ignored it (nohup, or a shell''s &):"
              + " {1}",
          new Object[] {name, effect});
    }
  }

  private static void stop(String signal, Runnable beginStop, GracefulStop drain) {
    LOG.log(Level.INFO, "SIG{0}: Fleetgate draining, then stopping", signal);
    beginStop.run();
    try {
      if (drain.drain()) {
        LOG.info("Fleetgate drained: no request in flight");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // The shutdown hooks stop Payara, whose undeployment stops the workers (TERM, grace, KILL).
    System.exit(0);
  }
}

package dev.fleetgate.supervisor.shutdown;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The drain before the server exits (R1, R2): new answers already say {@code Connection: close}
 * (the caller has marked the routes stopping); this waits until no request is in flight at any
 * worker, the drain timeout passes, or a second signal says not to wait.
 */
public final class GracefulStop {
  private static final Logger LOG = Logger.getLogger(GracefulStop.class.getName());
  private static final long POLL_MILLIS = 50;

  private final IntSupplier inFlight;
  private final Duration timeout;
  private final CountDownLatch hurry = new CountDownLatch(1);

  /**
   * @param inFlight requests in flight at the workers now
   * @param timeout the longest the drain waits
   */
  public GracefulStop(IntSupplier inFlight, Duration timeout) {
    this.inFlight = inFlight;
    this.timeout = timeout;
  }

  /**
   * Waits for the requests in flight.
   *
   * @return true when none was left, false when the timeout or {@link #hurry()} cut the wait short
   */
  public boolean drain() throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int left;
    while ((left = inFlight.getAsInt()) > 0) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0
          || hurry.await(Math.min(POLL_MILLIS, remaining / 1_000_000 + 1), TimeUnit.MILLISECONDS)) {
        LOG.log(
            Level.WARNING,
            "Fleetgate stopping with {0} request(s) still in flight ({1})",
            new Object[] {left, remaining <= 0 ? "drain timeout " + timeout : "asked again"});
        return false;
      }
    }
    return true;
  }

  /** Stops waiting: a second signal. */
  public void hurry() {
    hurry.countDown();
  }
}

package dev.fleetgate.proxy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The proxy's idle timeouts (R11): one sweep over the requests in progress every {@link #period},
 * instead of a timer per request and per read. A request that made no progress for its timeout is
 * ended by {@link Exchange#checkStalled}. Timeouts are therefore enforced to within one period.
 */
final class StallWatch {
  private static final Logger LOG = Logger.getLogger(StallWatch.class.getName());

  private final Set<Exchange> active = ConcurrentHashMap.newKeySet();
  private final Duration period;
  private ScheduledFuture<?> sweeping;

  /** Sweeps four times per the shortest timeout, at most once a second, at least every 50 ms. */
  StallWatch(Duration shortestTimeout) {
    long millis = Math.max(50, Math.min(1000, shortestTimeout.toMillis() / 4));
    this.period = Duration.ofMillis(millis);
  }

  void start(ScheduledExecutorService scheduler) {
    sweeping =
        scheduler.scheduleWithFixedDelay(
            this::sweep, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  void stop() {
    if (sweeping != null) {
      sweeping.cancel(false);
    }
  }

  void watch(Exchange exchange) {
    active.add(exchange);
  }

  void forget(Exchange exchange) {
    active.remove(exchange);
  }

  void sweep() {
    long now = System.nanoTime();
    for (Exchange exchange : active) {
      try {
        exchange.checkStalled(now);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            e,
            () -> "Checking request " + exchange.requestId + " for a stall failed");
      }
    }
  }
}

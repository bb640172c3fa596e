package dev.fleetgate.sample;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the requests being handled, so a graceful stop (R13) knows when the last one is done. The
 * JDK 17 server cannot tell this itself: {@code HttpServer.stop(delay)} sleeps the whole delay when
 * no exchange is in flight.
 */
final class InFlight extends Filter {

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final AtomicInteger count = new AtomicInteger();

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    count.incrementAndGet();
    try {
      chain.doFilter(exchange);
    } finally {
      count.decrementAndGet();
    }
  }

  @Override
  public String description() {
    return "counts requests in flight";
  }

  int count() {
    return count.get();
  }

  /** Waits until no request is in flight or {@code timeout} passes; true when none is. */
  boolean awaitNone(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count.get() > 0) {
      if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
        return false;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    return true;
  }
}

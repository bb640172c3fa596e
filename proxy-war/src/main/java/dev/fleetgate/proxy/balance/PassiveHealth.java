package dev.fleetgate.proxy.balance;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * nginx's passive health for one worker ({@code max_fails}, {@code fail_timeout}) (R5): after
 * {@code maxFails} failures the worker is skipped for {@code failTimeout}; then exactly one live
 * request is let through as a probe, and a success makes it healthy again. Lock-free.
 */
public final class PassiveHealth {
  private final int maxFails;
  private final long failTimeoutNanos;
  private final LongSupplier nanoClock;
  private final AtomicInteger fails = new AtomicInteger();
  private final AtomicLong downUntil = new AtomicLong();
  private final AtomicBoolean probing = new AtomicBoolean();

  /** {@code maxFails} 0 turns passive health off, as in nginx. */
  public PassiveHealth(int maxFails, Duration failTimeout, LongSupplier nanoClock) {
    this.maxFails = maxFails;
    this.failTimeoutNanos = failTimeout.toNanos();
    this.nanoClock = nanoClock;
  }

  /** Whether a request may go to the worker now; when it is the probe, this call claims it. */
  public boolean admits() {
    if (maxFails == 0 || fails.get() < maxFails) {
      return true;
    }
    return nanoClock.getAsLong() - downUntil.get() >= 0 && probing.compareAndSet(false, true);
  }

  /** True while the worker is skipped (for the console and tests); does not claim a probe. */
  public boolean down() {
    return maxFails > 0
        && fails.get() >= maxFails
        && (nanoClock.getAsLong() - downUntil.get() < 0 || probing.get());
  }

  public void succeeded() {
    fails.set(0);
    probing.set(false);
  }

  public void failed() {
    if (maxFails == 0) {
      return;
    }
    if (fails.incrementAndGet() >= maxFails) {
      downUntil.set(nanoClock.getAsLong() + failTimeoutNanos);
      probing.set(false);
    }
  }

  public int fails() {
    return fails.get();
  }
}

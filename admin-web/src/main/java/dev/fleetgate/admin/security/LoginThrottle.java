package dev.fleetgate.admin.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing per remote address (R5): after the n-th consecutive failure, attempts
 * from that address are refused for {@link #delayAfter(int) 1 s × 2^(n-1)}, at most 30 s.
 *
 * <p>Refusing instead of sleeping holds no request thread, and a refused attempt never reaches the
 * password check, so parallel guesses gain nothing. A success, or {@link #FORGET_AFTER} without a
 * failure, forgets the address.
 */
@ApplicationScoped
public class LoginThrottle {

  static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  static final Duration MAX_DELAY = Duration.ofSeconds(30);
  static final Duration FORGET_AFTER = Duration.ofMinutes(15);

  /** Bounds memory when many addresses fail; beyond it, expired entries are swept. */
  static final int SWEEP_ABOVE = 10_000;

  Clock clock = Clock.systemUTC();
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

  /** How long {@code address} must still wait before its next attempt; zero when it may try. */
  public Duration remainingWait(String address) {
    Failures failures = byAddress.get(address);
    if (failures == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), failures.allowedFrom());
    return left.isNegative() ? Duration.ZERO : left;
  }

  /**
   * Counts a failed attempt.
   *
   * @return the consecutive failures from {@code address}, this one included
   */
  public int failed(String address) {
    Instant now = clock.instant();
    if (byAddress.size() > SWEEP_ABOVE) {
      byAddress.values().removeIf(f -> f.expired(now));
    }
    return byAddress.compute(
            address,
            (key, old) -> Failures.after(old == null || old.expired(now) ? 0 : old.count, now))
        .count;
  }

  /** Forgets {@code address}: its next failure starts the count again. */
  public void succeeded(String address) {
    byAddress.remove(address);
  }

  /** The wait after {@code failures} consecutive failures: 0, 1 s, 2 s, 4 s … at most 30 s. */
  static Duration delayAfter(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(failures - 1, 20));
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }

  private record Failures(int count, Instant last) {

    static Failures after(int previous, Instant now) {
      return new Failures(previous + 1, now);
    }

    Instant allowedFrom() {
      return last.plus(delayAfter(count));
    }

    boolean expired(Instant now) {
      return now.isAfter(last.plus(FORGET_AFTER));
    }
  }
}

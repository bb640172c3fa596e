package dev.fleetgate.supervisor.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides when a worker is crash-looping (R4): {@code maxFailures} failed starts within {@code
 * window}. Like supervisord's FATAL and PM2's {@code errored}, the worker then stays down.
 */
public final class CrashLoopGuard {
  private final int maxFailures;
  private final Duration window;
  private final Deque<Instant> failures = new ArrayDeque<>();

  public CrashLoopGuard(int maxFailures, Duration window) {
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** Records a failed start at {@code now}; true when that makes too many in the window. */
  public boolean recordFailure(Instant now) {
    failures.addLast(now);
    Instant oldest = now.minus(window);
    while (!failures.isEmpty() && failures.peekFirst().isBefore(oldest)) {
      failures.removeFirst();
    }
    return failures.size() >= maxFailures;
  }

  public int recentFailures() {
    return failures.size();
  }

  public Duration window() {
    return window;
  }

  public void reset() {
    failures.clear();
  }
}

package dev.fleetgate.proxy.balance;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * HAProxy's active health state of one worker (R6): {@code fall} failed checks in a row take it
 * out, {@code rise} passed checks in a row bring it back. A worker starts up: the supervisor has
 * just seen it ready. Checks run off the request path; a request only reads {@link #up()}.
 */
public final class ActiveHealth {
  private final int rise;
  private final int fall;
  private final AtomicInteger streak = new AtomicInteger(); // >0 passes, <0 failures in a row
  private volatile boolean up = true;

  public ActiveHealth(int rise, int fall) {
    this.rise = rise;
    this.fall = fall;
  }

  public boolean up() {
    return up;
  }

  /** Records one check; called by one checker at a time per worker. */
  public void checked(boolean passed) {
    int now = streak.updateAndGet(s -> passed ? (s > 0 ? s + 1 : 1) : (s < 0 ? s - 1 : -1));
    if (up && now <= -fall) {
      up = false;
    } else if (!up && now >= rise) {
      up = true;
    }
  }
}

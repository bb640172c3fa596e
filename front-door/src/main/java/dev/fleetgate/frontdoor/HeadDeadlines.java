package dev.fleetgate.frontdoor;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bounds the connections whose request head is unfinished (F6): each is closed once its head has
 * taken longer than the head timeout (nginx's {@code client_header_timeout}), and there are never
 * more than a set number of them for long: over that number, the one whose head began first is
 * closed once it has waited a quarter of the head timeout (at least a second). Ordinary clients'
 * heads are read within milliseconds, even in a burst of thousands on a busy machine, so they are
 * never cut; a slow-loris attacker's heads grow old and go. It so holds about that many sockets,
 * each for at most the timeout, however many it opens.
 */
final class HeadDeadlines {
  private static final Logger LOG = Logger.getLogger(HeadDeadlines.class.getName());

  /** A head younger than this is never closed to make room: it is most likely being read. */
  static long minAgeNanos(FrontDoorSettings settings) {
    return Math.max(1_000_000_000L, settings.headerTimeout().toNanos() / 4);
  }

  private final Set<ConnectionGuard> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger unfinishedHeads = new AtomicInteger();
  private final LongSupplier nanoClock;
  private ScheduledExecutorService sweeper;

  HeadDeadlines(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** Starts the once-a-period sweep on a daemon thread of its own (the container's is not ours). */
  synchronized void start() {
    if (sweeper != null) {
      return;
    }
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "fleetgate-head-timeout");
              thread.setDaemon(true);
              return thread;
            });
    sweeper.scheduleWithFixedDelay(this::sweepSafely, 250, 250, TimeUnit.MILLISECONDS);
  }

  /** A connection was accepted: its first head begins now. */
  void accepted(ConnectionGuard guard) {
    makeRoom(FrontDoor.settings().maxUnfinishedHeads() - 1);
    open.add(guard);
    guard.headStarted(nanoClock.getAsLong());
  }

  /** Closes the oldest unfinished heads (old enough) until at most {@code limit} remain. */
  private void makeRoom(int limit) {
    while (unfinishedHeads.get() > limit && closeOldestHead()) {
      // one more closed
    }
  }

  void closed(ConnectionGuard guard) {
    open.remove(guard);
    guard.headEnded();
  }

  void headOpened() {
    unfinishedHeads.incrementAndGet();
  }

  void headClosed() {
    unfinishedHeads.decrementAndGet();
  }

  int unfinishedHeads() {
    return unfinishedHeads.get();
  }

  /** Closes every connection whose head began longer ago than the head timeout. */
  void sweep() {
    makeRoom(FrontDoor.settings().maxUnfinishedHeads());
    long now = nanoClock.getAsLong();
    long timeout = FrontDoor.settings().headerTimeout().toNanos();
    for (ConnectionGuard guard : open) {
      long since = guard.headSince();
      if (since != 0 && now - since > timeout) {
        // As nginx: the connection is closed without an answer (it logs 408).
        drop(guard);
      }
    }
  }

  private void sweepSafely() {
    try {
      sweep();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Head timeout sweep failed", e);
    }
  }

  private boolean closeOldestHead() {
    long now = nanoClock.getAsLong();
    ConnectionGuard oldest = null;
    long oldestSince = 0;
    for (ConnectionGuard guard : open) {
      long since = guard.headSince();
      if (since != 0 && (oldest == null || now - since > now - oldestSince)) {
        oldest = guard;
        oldestSince = since;
      }
    }
    if (oldest == null || now - oldestSince < minAgeNanos(FrontDoor.settings())) {
      return false;
    }
    drop(oldest);
    return true;
  }

  private void drop(ConnectionGuard guard) {
    guard.refused = true;
    closed(guard);
    guard.connection.terminateSilently();
  }
}

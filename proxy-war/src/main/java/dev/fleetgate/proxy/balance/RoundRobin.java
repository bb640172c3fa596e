package dev.fleetgate.proxy.balance;

import dev.fleetgate.supervisor.routing.Upstream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plain round-robin over the ready workers (R1), nginx's default. Lock-free: one atomic counter;
 * when the list changes size the rotation simply continues over the new list.
 */
public final class RoundRobin {
  private final AtomicLong next = new AtomicLong();

  /** The next worker, or null when none is ready. */
  public Upstream choose(List<Upstream> ready) {
    int size = ready.size();
    if (size == 0) {
      return null;
    }
    return ready.get((int) Math.floorMod(next.getAndIncrement(), (long) size));
  }
}

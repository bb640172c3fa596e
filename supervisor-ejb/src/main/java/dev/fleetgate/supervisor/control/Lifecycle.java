package dev.fleetgate.supervisor.control;

import static dev.fleetgate.supervisor.entity.WorkerState.BACKOFF;
import static dev.fleetgate.supervisor.entity.WorkerState.DRAINING;
import static dev.fleetgate.supervisor.entity.WorkerState.FAILED;
import static dev.fleetgate.supervisor.entity.WorkerState.READY;
import static dev.fleetgate.supervisor.entity.WorkerState.STARTING;
import static dev.fleetgate.supervisor.entity.WorkerState.STOPPED;
import static dev.fleetgate.supervisor.entity.WorkerState.STOPPING;

import dev.fleetgate.supervisor.entity.WorkerState;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one transition table of a worker (R3). Every state change goes through {@link #check}.
 *
 * <pre>
 * from      to         when
 * STOPPED   STARTING   start (initial, operator, scale up)
 * STARTING  READY      port accepts connections (or ready path answers 2xx/3xx)
 * STARTING  STOPPING   operator stop, or not ready within the start timeout (killed)
 * STARTING  BACKOFF    exited before ready; restart after the backoff delay
 * STARTING  FAILED     exited before ready, too many failed starts in the window
 * READY     DRAINING   drain, restart, scale down, rolling restart, memory limit
 * READY     STOPPING   operator stop
 * READY     BACKOFF    exited unexpectedly
 * READY     FAILED     exited within min-uptime, too many failed starts in the window
 * DRAINING  STOPPING   no request in flight any more, or drain timeout
 * DRAINING  STOPPED    exited by itself while draining
 * STOPPING  STOPPED    process tree gone
 * STOPPING  BACKOFF    killed for not being ready in time; restart after the backoff delay
 * STOPPING  FAILED     killed for not being ready in time, too many failed starts
 * BACKOFF   STARTING   backoff delay elapsed, or operator start
 * BACKOFF   STOPPED    operator stop
 * FAILED    STARTING   operator start or restart
 * FAILED    STOPPED    operator stop
 * </pre>
 */
public final class Lifecycle {
  private static final Map<WorkerState, Set<WorkerState>> ALLOWED =
      new EnumMap<>(WorkerState.class);

  static {
    ALLOWED.put(STOPPED, EnumSet.of(STARTING));
    ALLOWED.put(STARTING, EnumSet.of(READY, STOPPING, BACKOFF, FAILED));
    ALLOWED.put(READY, EnumSet.of(DRAINING, STOPPING, BACKOFF, FAILED));
    ALLOWED.put(DRAINING, EnumSet.of(STOPPING, STOPPED));
    ALLOWED.put(STOPPING, EnumSet.of(STOPPED, BACKOFF, FAILED));
    ALLOWED.put(BACKOFF, EnumSet.of(STARTING, STOPPED));
    ALLOWED.put(FAILED, EnumSet.of(STARTING, STOPPED));
  }

  private Lifecycle() {}

  public static boolean allows(WorkerState from, WorkerState to) {
    return ALLOWED.get(from).contains(to);
  }

  /** Returns {@code to}, or throws when the table has no such move. */
  public static WorkerState check(WorkerState from, WorkerState to) {
    if (!allows(from, to)) {
      throw new IllegalStateException("a worker cannot go from " + from + " to " + to);
    }
    return to;
  }
}

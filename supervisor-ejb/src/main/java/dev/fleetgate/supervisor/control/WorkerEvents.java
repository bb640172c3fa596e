package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.entity.WorkerEvent;
import dev.fleetgate.supervisor.entity.WorkerState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A worker's last state changes, for the console, each also logged with the worker's id, pid and
 * port (R3); moves to BACKOFF and FAILED as warnings. Guarded by the worker's monitor.
 */
final class WorkerEvents {
  // Under the worker's name: logging is configured for workers, not for this bookkeeping.
  private static final Logger LOG = Logger.getLogger(Worker.class.getName());
  private static final int KEPT = 100;

  private final int id;
  private final int port;
  private final Deque<WorkerEvent> events = new ArrayDeque<>();

  WorkerEvents(int id, int port) {
    this.id = id;
    this.port = port;
  }

  void add(WorkerEvent event) {
    events.addLast(event);
    if (events.size() > KEPT) {
      events.removeFirst();
    }
    WorkerState next = event.to();
    LOG.log(
        next == WorkerState.FAILED || next == WorkerState.BACKOFF ? Level.WARNING : Level.INFO,
        "Worker {0} (pid {1}, port {2}): {3} -> {4}{5}",
        new Object[] {
          id,
          Long.toString(event.pid()),
          Integer.toString(port),
          event.from(),
          next,
          event.reason() == null ? "" : " (" + event.reason() + ")"
        });
  }

  /** Oldest first. */
  List<WorkerEvent> list() {
    return List.copyOf(events);
  }
}

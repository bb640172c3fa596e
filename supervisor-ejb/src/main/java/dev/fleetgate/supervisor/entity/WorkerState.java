package dev.fleetgate.supervisor.entity;

/**
 * The life of one worker slot. The allowed moves between these states live in one table, {@link
 * dev.fleetgate.supervisor.control.Lifecycle}; nothing else changes a worker's state.
 */
public enum WorkerState {
  /** Process started, port not yet accepting connections (or ready path not yet 2xx/3xx). */
  STARTING,
  /** Accepting connections: the proxy routes to it. */
  READY,
  /** Gets no new requests; waits for its in-flight requests, then stops. */
  DRAINING,
  /** SIGTERM sent to its process group; SIGKILL follows after the grace period. */
  STOPPING,
  /** Not running, on purpose. */
  STOPPED,
  /** Exited unexpectedly; restarts when its backoff delay has passed. */
  BACKOFF,
  /** Too many failed starts in the window: stays down until an operator starts it. */
  FAILED;

  /** True while an OS process may exist for the worker. */
  public boolean hasProcess() {
    return this == STARTING || this == READY || this == DRAINING || this == STOPPING;
  }
}

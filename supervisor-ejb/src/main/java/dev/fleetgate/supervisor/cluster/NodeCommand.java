package dev.fleetgate.supervisor.cluster;

import dev.fleetgate.supervisor.boundary.Supervisor;

/** The operations a node carries out for another (R3), on its own supervisor. */
public enum NodeCommand {
  START,
  STOP,
  DRAIN,
  RESTART,
  SCALE,
  ROLLING_RESTART;

  /**
   * @param argument the worker's id, or the count for {@link #SCALE}; unused by {@link
   *     #ROLLING_RESTART}
   */
  public void apply(Supervisor supervisor, String app, int argument) {
    switch (this) {
      case START -> supervisor.start(app, argument);
      case STOP -> supervisor.stop(app, argument);
      case DRAIN -> supervisor.drain(app, argument);
      case RESTART -> supervisor.restart(app, argument);
      case SCALE -> supervisor.scale(app, argument);
      case ROLLING_RESTART -> supervisor.rollingRestart(app);
    }
  }
}

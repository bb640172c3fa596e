package dev.fleetgate.admin;

import dev.fleetgate.supervisor.boundary.Supervisor;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an operator can do from the console (R6) and the API (R16): on one worker, or on the whole
 * fleet. The name in the audit log, and in the API's URLs, is {@link #auditName()}.
 */
public enum Operation {
  START("start", "Started worker %d"),
  STOP("stop", "Stopped worker %d"),
  RESTART("restart", "Restarted worker %d"),
  DRAIN("drain", "Drained and stopped worker %d"),
  SCALE("scale", "Scaled to %d workers"),
  ROLLING_RESTART("rolling-restart", "Restarted every worker, one after the other"),
  RELOAD("reload", "Reloaded the configuration (the server log says what changed)");

  private final String auditName;
  private final String done;

  Operation(String auditName, String done) {
    this.auditName = auditName;
    this.done = done;
  }

  /** The word in the audit log's {@code action=} field. */
  public String auditName() {
    return auditName;
  }

  /** The operation on one worker with this {@link #auditName()}, as the API names it in its URL. */
  public static Optional<Operation> onOneWorker(String name) {
    return Arrays.stream(values())
        .filter(operation -> operation.onOneWorker() && operation.auditName.equals(name))
        .findFirst();
  }

  /** True for the operations on one worker; the others act on the fleet. */
  public boolean onOneWorker() {
    return this == START || this == STOP || this == RESTART || this == DRAIN;
  }

  /** What the operator reads once it worked, e.g. "Restarted worker 2". */
  String done(int argument) {
    return String.format(done, argument);
  }

  /**
   * Calls the supervisor; blocks until the operation took effect.
   *
   * @param argument the worker's id, or the number of workers for {@link #SCALE}; ignored by {@link
   *     #ROLLING_RESTART} and {@link #RELOAD}
   */
  void apply(Supervisor supervisor, int argument) {
    switch (this) {
      case START -> supervisor.start(argument);
      case STOP -> supervisor.stop(argument);
      case RESTART -> supervisor.restart(argument);
      case DRAIN -> supervisor.drain(argument);
      case SCALE -> supervisor.scale(argument);
      case ROLLING_RESTART -> supervisor.rollingRestart();
      case RELOAD -> supervisor.reload();
    }
  }

  /**
   * The audit line (R7): {@code user=<name> action=<what> worker=<id> result=<ok|error: ...>}.
   * Fleet operations name {@code worker=all}; scaling says the count as {@code action=scale(3)}.
   * Control characters are replaced, so a message cannot forge a second line.
   */
  String auditLine(String user, int argument, String result) {
    String action = this == SCALE ? auditName + "(" + argument + ")" : auditName;
    String worker = onOneWorker() ? Integer.toString(argument) : "all";
    return oneLine(
        "user=" + user + " action=" + action + " worker=" + worker + " result=" + result);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\p{Cntrl}", "?");
  }
}

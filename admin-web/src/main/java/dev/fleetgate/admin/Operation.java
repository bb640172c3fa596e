package dev.fleetgate.admin;

import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.entity.WorkerName;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an operator can do from the console (R6) and the API (R16): on one worker of an app, or on
 * the whole of one app. The name in the audit log, and in the API's URLs, is {@link #auditName()}.
 */
public enum Operation {
  START("start", "Started worker %s"),
  STOP("stop", "Stopped worker %s"),
  RESTART("restart", "Restarted worker %s"),
  DRAIN("drain", "Drained and stopped worker %s"),
  SCALE("scale", "Scaled %sto %d workers"),
  ROLLING_RESTART("rolling-restart", "Restarted every worker%s, one after the other"),
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

  /** True for the operations on one worker; the others act on a whole app (or, reload, on all). */
  public boolean onOneWorker() {
    return this == START || this == STOP || this == RESTART || this == DRAIN;
  }

  /**
   * What the operator reads once it worked: "Restarted worker api/2", "Scaled to 3 workers" (the
   * default app keeps the words it had before apps), "Scaled api to 3 workers".
   */
  String done(String app, int argument) {
    boolean named = !WorkerName.DEFAULT_APP.equals(app);
    return switch (this) {
      case START, STOP, RESTART, DRAIN -> String.format(done, WorkerName.of(app, argument));
      case SCALE -> String.format(done, named ? app + " " : "", argument);
      case ROLLING_RESTART -> String.format(done, named ? " of " + app : "");
      case RELOAD -> done;
    };
  }

  /**
   * Calls the supervisor; blocks until the operation took effect.
   *
   * @param app the app acted on; ignored by {@link #RELOAD}
   * @param argument the worker's id, or the number of workers for {@link #SCALE}; ignored by {@link
   *     #ROLLING_RESTART} and {@link #RELOAD}
   */
  void apply(Supervisor supervisor, String app, int argument) {
    switch (this) {
      case START -> supervisor.start(app, argument);
      case STOP -> supervisor.stop(app, argument);
      case RESTART -> supervisor.restart(app, argument);
      case DRAIN -> supervisor.drain(app, argument);
      case SCALE -> supervisor.scale(app, argument);
      case ROLLING_RESTART -> supervisor.rollingRestart(app);
      case RELOAD -> supervisor.reload();
    }
  }

  /**
   * The audit line (R7): {@code user=<name> action=<what> worker=<name> result=<ok|error: ...>}.
   * The worker is named as {@link WorkerName} does, {@code api/0}, or {@code 0} in the default app;
   * operations on a whole app name {@code worker=api/all} ({@code worker=all} for the default app,
   * and for reload); scaling says the count as {@code action=scale(3)}. Control characters are
   * replaced, so a message cannot forge a second line.
   */
  String auditLine(String user, String app, int argument, String result) {
    String action = this == SCALE ? auditName + "(" + argument + ")" : auditName;
    String worker;
    if (onOneWorker()) {
      worker = WorkerName.of(app, argument);
    } else if (this == RELOAD || WorkerName.DEFAULT_APP.equals(app)) {
      worker = "all";
    } else {
      worker = app + "/all";
    }
    return oneLine(
        "user=" + user + " action=" + action + " worker=" + worker + " result=" + result);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\p{Cntrl}", "?");
  }
}

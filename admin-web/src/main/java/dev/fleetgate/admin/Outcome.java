package dev.fleetgate.admin;

/**
 * How an operation ended, as the operator reads it (R6.2), and of which kind, for the API's status
 * codes (R16).
 *
 * @param result done, or why not
 * @param message what happened, or the supervisor's reason for the failure
 */
public record Outcome(Result result, String message) {

  /** How it ended. */
  public enum Result {
    /** It took effect. */
    DONE,
    /** The caller may look but not act (the console's viewer). */
    NOT_ALLOWED,
    /** There is no such worker. */
    NO_SUCH_WORKER,
    /** The argument is out of range (a scale count). */
    INVALID_ARGUMENT,
    /** Refused in the worker's present state. */
    REFUSED,
    /** Tried, and it did not take effect. */
    FAILED
  }

  /** True if it took effect. */
  public boolean ok() {
    return result == Result.DONE;
  }

  static Outcome success(String message) {
    return new Outcome(Result.DONE, message);
  }

  static Outcome failure(String message) {
    return new Outcome(Result.FAILED, message);
  }
}

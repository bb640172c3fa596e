package dev.fleetgate.admin;

/**
 * How an operation ended, as the operator reads it (R6.2).
 *
 * @param ok true if it took effect
 * @param message what happened, or the supervisor's reason for the failure
 */
public record Outcome(boolean ok, String message) {

  static Outcome success(String message) {
    return new Outcome(true, message);
  }

  static Outcome failure(String message) {
    return new Outcome(false, message);
  }
}

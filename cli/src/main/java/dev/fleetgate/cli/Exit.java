package dev.fleetgate.cli;

/** The exit codes a deploy script can rely on (README, "Command line"). */
enum Exit {
  /** Done: the operation took effect, or the status or logs were printed. */
  OK(0),
  /**
   * The server refused the operation or it failed (no such worker, bad count, a worker's state).
   */
  FAILED(1),
  /** The command line is wrong: nothing was sent. */
  USAGE(2),
  /** The server could not be reached, or the connection broke. */
  UNREACHABLE(3),
  /** The server refused the token, or its API is off. */
  UNAUTHORIZED(4);

  final int code;

  Exit(int code) {
    this.code = code;
  }
}

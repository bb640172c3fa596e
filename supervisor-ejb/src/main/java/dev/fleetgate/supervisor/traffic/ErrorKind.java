package dev.fleetgate.supervisor.traffic;

/** Why a request to a worker did not end with the worker's complete response (R1). */
public enum ErrorKind {
  /** Could not connect, or the worker reset the connection before answering: 502. */
  CONNECT,
  /** No response headers within the response timeout, or silence past the read timeout: 504. */
  TIMEOUT,
  /** The worker answered something that is not HTTP, or broke off in the middle of a body. */
  PROTOCOL,
  /** The client went away before the response was complete (nginx logs 499). */
  CLIENT_ABORT;

  /** The label used in the Prometheus output. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}

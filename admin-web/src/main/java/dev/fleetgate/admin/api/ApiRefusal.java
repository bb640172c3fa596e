package dev.fleetgate.admin.api;

/**
 * A request the API refuses, with the status and the sentence to answer (R5); {@link ApiErrors}
 * writes it as {@code {"ok": false, "message": "..."}}. A plain exception, so that the API's pure
 * parts throw it without a JAX-RS runtime.
 */
final class ApiRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  ApiRefusal(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}

package dev.fleetgate.supervisor.boundary;

import jakarta.ejb.ApplicationException;

/** An operation on the workers could not be done; the message says why, for the operator. */
@ApplicationException
public class OperationFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why, in the terms a caller answers differently: an API turns each into its own status. */
  public enum Kind {
    /** There is no worker with that id. */
    NO_SUCH_WORKER,
    /** The argument is out of range (a scale count). */
    INVALID_ARGUMENT,
    /** Refused at once: the worker's state does not allow it now. */
    REFUSED,
    /** Tried and did not take effect: a failure, a time-out, an interruption. */
    FAILED
  }

  private final Kind kind;

  public OperationFailedException(String message, Throwable cause) {
    this(Kind.FAILED, message, cause);
  }

  public OperationFailedException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

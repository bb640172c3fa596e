package dev.fleetgate.supervisor.boundary;

import jakarta.ejb.ApplicationException;

/** An operation on the workers could not be done; the message says why, for the operator. */
@ApplicationException
public class OperationFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OperationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}

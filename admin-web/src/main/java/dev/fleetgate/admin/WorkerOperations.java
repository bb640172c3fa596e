package dev.fleetgate.admin;

import dev.fleetgate.admin.security.ConsoleIdentityStore;
import dev.fleetgate.supervisor.boundary.OperationFailedException;
import dev.fleetgate.supervisor.boundary.Supervisor;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries out an operator's operation for any page (R6): checks the role on the server (R6.1),
 * calls the supervisor, and writes the audit line (R7). Pages turn the {@link Outcome} into a
 * message.
 */
@RequestScoped
public class WorkerOperations {

  /** The audit logger: one line per operation, who and what and how it ended. */
  static final Logger AUDIT = Logger.getLogger("fleetgate.audit");

  @EJB Supervisor supervisor;
  @Inject SecurityContext securityContext;

  /** True if the signed-in caller may act: role {@value ConsoleIdentityStore#ROLE}. */
  public boolean mayAct() {
    return securityContext.isCallerInRole(ConsoleIdentityStore.ROLE);
  }

  /**
   * Performs {@code operation}, or refuses it for a caller without the role.
   *
   * @param argument the worker's id, or the count for {@link Operation#SCALE}
   */
  public Outcome perform(Operation operation, int argument) {
    String user = user();
    if (!mayAct()) {
      AUDIT.log(Level.WARNING, "{0}", operation.auditLine(user, argument, "error: not allowed"));
      return Outcome.failure("Your account may look but not act.");
    }
    try {
      operation.apply(supervisor, argument);
      AUDIT.log(Level.INFO, "{0}", operation.auditLine(user, argument, "ok"));
      return Outcome.success(operation.done(argument));
    } catch (OperationFailedException | EJBException e) {
      String why = reason(e);
      AUDIT.log(Level.WARNING, "{0}", operation.auditLine(user, argument, "error: " + why));
      return Outcome.failure(why);
    }
  }

  private String user() {
    Principal caller = securityContext.getCallerPrincipal();
    return caller == null ? "-" : caller.getName();
  }

  private static String reason(RuntimeException e) {
    if (e instanceof OperationFailedException) {
      return e.getMessage();
    }
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}

package dev.fleetgate.admin;

import dev.fleetgate.admin.security.ConsoleIdentityStore;
import dev.fleetgate.supervisor.boundary.OperationFailedException;
import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.cluster.Cluster;
import dev.fleetgate.supervisor.cluster.NodeCommand;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries out an operator's operation, the one place that does (R6): for the console, checks the
 * role on the server (R6.1); for the API, its caller has proved the API token already (R16). Calls
 * the supervisor and writes the audit line (R7). Pages and the API turn the {@link Outcome} into a
 * message or a status.
 */
@RequestScoped
public class WorkerOperations {

  /** The audit logger: one line per operation, who and what and how it ended. */
  static final Logger AUDIT = Logger.getLogger("fleetgate.audit");

  /** The user name in the audit line of an operation asked for through the API. */
  public static final String API_USER = "api-token";

  @EJB Supervisor supervisor;
  @EJB Cluster cluster;
  @Inject SecurityContext securityContext;

  /** True if the signed-in caller may act: role {@value ConsoleIdentityStore#ROLE}. */
  public boolean mayAct() {
    return securityContext.isCallerInRole(ConsoleIdentityStore.ROLE);
  }

  /**
   * Performs {@code operation} for the signed-in console user, or refuses it for a caller without
   * the role.
   *
   * @param app the app whose worker (or whose workers) it acts on
   * @param argument the worker's id, or the count for {@link Operation#SCALE}
   */
  public Outcome perform(Operation operation, String app, int argument) {
    return perform(operation, null, app, argument);
  }

  /**
   * {@link #perform(Operation, String, int)} on a worker (or app) of {@code node}, which carries it
   * out and audits it too (dev.fleetgate.supervisor.cluster R3); null or this node's name acts
   * here.
   */
  public Outcome perform(Operation operation, String node, String app, int argument) {
    String user = user();
    if (!mayAct()) {
      AUDIT.log(
          Level.WARNING,
          "{0}",
          operation.auditLine(user, app, argument, "error: not allowed") + onNode(node));
      return new Outcome(Outcome.Result.NOT_ALLOWED, "Your account may look but not act.");
    }
    return carryOut(user, operation, node, app, argument);
  }

  /**
   * Performs {@code operation} for an API caller, audited as user {@value #API_USER}. Only for a
   * request that sent the API token: {@code dev.fleetgate.admin.api.ApiAccess} checked it before
   * any resource runs.
   *
   * @param app the app whose worker (or whose workers) it acts on
   * @param argument the worker's id, or the count for {@link Operation#SCALE}
   */
  public Outcome performForApiClient(Operation operation, String app, int argument) {
    return carryOut(API_USER, operation, null, app, argument);
  }

  /** {@link #performForApiClient(Operation, String, int)} on {@code node}. */
  public Outcome performForApiClient(Operation operation, String node, String app, int argument) {
    return carryOut(API_USER, operation, node, app, argument);
  }

  /**
   * Restarts {@code app} (every app when null) on every live node, node after node, each fully
   * ready before the next begins (dev.fleetgate.supervisor.cluster R3.3); the caller proved the
   * role or the API token already.
   */
  public Outcome clusterRollingRestart(String app, boolean apiClient) {
    String user = apiClient ? API_USER : user();
    if (!apiClient && !mayAct()) {
      return new Outcome(Outcome.Result.NOT_ALLOWED, "Your account may look but not act.");
    }
    String what =
        "user=" + user + " action=cluster-rolling-restart app=" + (app == null ? "all" : app);
    try {
      List<String> nodes = cluster.rollingRestart(app, user);
      AUDIT.log(Level.INFO, "{0}", what + " nodes=" + String.join(",", nodes) + " result=ok");
      return Outcome.success(
          "Restarted every worker"
              + (app == null ? "" : " of " + app)
              + " on "
              + nodes.size()
              + " nodes, one node after the other: "
              + String.join(", ", nodes));
    } catch (OperationFailedException | EJBException e) {
      String why = reason(e);
      AUDIT.log(
          Level.WARNING, "{0}", (what + " result=error: " + why).replaceAll("\\p{Cntrl}", "?"));
      return new Outcome(result(e), why);
    }
  }

  private Outcome carryOut(
      String user, Operation operation, String node, String app, int argument) {
    boolean remote = node != null && !node.isEmpty() && !node.equals(cluster.localNode());
    try {
      if (!remote) {
        operation.apply(supervisor, app, argument);
      } else if (operation == Operation.RELOAD) {
        throw new OperationFailedException(
            OperationFailedException.Kind.INVALID_ARGUMENT,
            "reload reads the configuration of the node it is sent to: send it to " + node,
            null);
      } else {
        cluster.perform(node, NodeCommand.valueOf(operation.name()), app, argument, user);
      }
      AUDIT.log(Level.INFO, "{0}", operation.auditLine(user, app, argument, "ok") + onNode(node));
      String where =
          remote ? (operation == Operation.ROLLING_RESTART ? "," : "") + " on node " + node : "";
      return Outcome.success(operation.done(app, argument) + where);
    } catch (OperationFailedException | EJBException e) {
      String why = reason(e);
      AUDIT.log(
          Level.WARNING,
          "{0}",
          operation.auditLine(user, app, argument, "error: " + why) + onNode(node));
      return new Outcome(result(e), why);
    }
  }

  /** The audit line's {@code node=} field in a cluster: the node that owns the worker. */
  private String onNode(String node) {
    if (!cluster.enabled()) {
      return "";
    }
    String owner = node == null || node.isEmpty() ? cluster.localNode() : node;
    return (" node=" + owner).replaceAll("\\p{Cntrl}", "?");
  }

  private static Outcome.Result result(RuntimeException e) {
    if (!(e instanceof OperationFailedException failed)) {
      return Outcome.Result.FAILED;
    }
    return switch (failed.kind()) {
      case NO_SUCH_WORKER -> Outcome.Result.NO_SUCH_WORKER;
      case INVALID_ARGUMENT -> Outcome.Result.INVALID_ARGUMENT;
      case REFUSED -> Outcome.Result.REFUSED;
      case FAILED -> Outcome.Result.FAILED;
    };
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

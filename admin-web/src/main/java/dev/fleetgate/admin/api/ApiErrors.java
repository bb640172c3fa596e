package dev.fleetgate.admin.api;

import dev.fleetgate.supervisor.boundary.OperationFailedException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.NoSuchElementException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure of an API call as JSON (R5): {@code {"ok": false, "message": "..."}} with its
 * status, never the console's HTML error page, a class name or a stack trace. Unknown paths (404),
 * wrong methods (405) and the like keep JAX-RS's status; anything unexpected is a 500, logged.
 */
@Provider
public class ApiErrors implements ExceptionMapper<Exception> {

  private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

  @Override
  public Response toResponse(Exception e) {
    if (e instanceof ApiRefusal refusal) {
      return JsonAnswer.message(refusal.status(), refusal.getMessage());
    }
    if (e instanceof OperationFailedException failed) {
      return JsonAnswer.message(status(failed.kind()), failed.getMessage());
    }
    if (e instanceof EJBException && e.getCause() instanceof NoSuchElementException gone) {
      // A query about an app or worker that a reload or a scale-down removed meanwhile.
      return JsonAnswer.message(
          404, gone.getMessage() == null ? "no such worker" : gone.getMessage());
    }
    if (e instanceof WebApplicationException web) {
      Response given = web.getResponse();
      if (given.hasEntity()) {
        return given;
      }
      int status = given.getStatus();
      return JsonAnswer.message(status, sentence(status));
    }
    LOG.log(Level.SEVERE, "Fleetgate API call failed", e);
    return JsonAnswer.message(500, "The server failed to answer; its log says why.");
  }

  static int status(OperationFailedException.Kind kind) {
    return switch (kind) {
      case NO_SUCH_WORKER -> 404;
      case INVALID_ARGUMENT -> 400;
      case REFUSED -> 409;
      case FAILED -> 500;
    };
  }

  static String sentence(int status) {
    return switch (status) {
      case 404 -> "No such API path; see the README, section Command line.";
      case 405 -> "This API path does not take that method.";
      case 406 -> "The API answers JSON (and server-sent events for logs with follow=true).";
      case 415 -> "Send JSON.";
      default -> "Refused with status " + status + ".";
    };
  }
}

package dev.fleetgate.admin;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The page every error of the application's own answers shows (R14): the status and one short
 * sentence, never a class name, a stack trace or the server's name. web.xml sends each mapped
 * status and every {@link Throwable} here; the proxy relays workers' statuses itself and never
 * comes here.
 *
 * <p>A form larger than the listener's {@code max-post-size-bytes} reaches Faces as Grizzly's
 * {@code IllegalStateException} "GRIZZLY0205: Post too large" wrapped in a {@code
 * ServletException}; that one answers 413, not 500.
 */
public class ErrorPage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** How Grizzly's message for a form over {@code max-post-size-bytes} starts. */
  static final String POST_TOO_LARGE = "GRIZZLY0205";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int status =
        status(
            request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE),
            (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(html(status));
  }

  /** The status to answer: 413 for a form too large, else the container's, 500 without one. */
  static int status(Object containerStatus, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith(POST_TOO_LARGE)) {
        return 413;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return containerStatus instanceof Integer code && code >= 400 && code <= 599 ? code : 500;
  }

  static String html(int status) {
    String title = status + " " + reason(status);
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + title
        + "</title></head><body><h1>"
        + title
        + "</h1><p>"
        + sentence(status)
        + "</p></body></html>\n";
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 503 -> "Service Unavailable";
      default -> status < 500 ? "Client Error" : "Server Error";
    };
  }

  private static String sentence(int status) {
    return switch (status) {
      case 400 -> "The request could not be understood.";
      case 401 -> "Sign in or send a valid token to see this.";
      case 403 -> "This is not for you.";
      case 404 -> "There is nothing here.";
      case 405 -> "This method is not allowed here.";
      case 413 -> "The request is too large.";
      default ->
          status < 500
              ? "The request could not be served."
              : "Something went wrong. The server's log has the details.";
    };
  }
}

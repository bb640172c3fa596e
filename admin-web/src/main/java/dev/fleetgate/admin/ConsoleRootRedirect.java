package dev.fleetgate.admin;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sends {@code /admin} and {@code /admin/} to the overview in the merged WAR (R4).
 *
 * <p>There the Faces servlet is mapped to {@code /admin/*}, which would take both paths without a
 * view to show; this servlet is mapped to exactly these two in micro-war's web.xml and wins. The
 * EAR does not need it: its welcome file {@code index.xhtml} does the same.
 */
public class ConsoleRootRedirect extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient ConsolePaths paths;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.sendRedirect(request.getContextPath() + paths.getIndexPage());
  }
}

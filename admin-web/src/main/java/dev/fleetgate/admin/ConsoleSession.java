package dev.fleetgate.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/** Backs the header every console page shares: who is signed in, and signing out (security R6). */
@Named
@RequestScoped
public class ConsoleSession {

  @Inject SecurityContext securityContext;
  @Inject ExternalContext externalContext;

  /** The signed-in user's name; empty on the login page. */
  public String getUser() {
    Principal caller = securityContext.getCallerPrincipal();
    return caller == null ? "" : caller.getName();
  }

  /** Signs out (a POST from the header's form) and shows the login page. */
  public String logout() throws ServletException {
    ((HttpServletRequest) externalContext.getRequest()).logout();
    externalContext.invalidateSession();
    return "/login.xhtml?faces-redirect=true&signedOut=true";
  }
}

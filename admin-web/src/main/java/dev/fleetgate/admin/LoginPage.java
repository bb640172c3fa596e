package dev.fleetgate.admin;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import dev.fleetgate.admin.security.LoginThrottle;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backs {@code login.xhtml}: hands the typed credentials to Jakarta Security (security R2), refuses
 * attempts while the address is throttled, and logs failures with user and address (security R5).
 */
@Named
@RequestScoped
public class LoginPage {

  private static final Logger LOG = Logger.getLogger(LoginPage.class.getName());
  private static final int MAX_LOGGED_NAME = 64;

  @Inject SecurityContext securityContext;
  @Inject LoginThrottle throttle;
  @Inject FacesContext facesContext;

  private String username;
  private String password;

  /** Signs in; on success the caller goes to the page they asked for, or to the overview. */
  public String login() {
    ExternalContext external = facesContext.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    String address = request.getRemoteAddr();

    Duration wait = throttle.remainingWait(address);
    if (!wait.isZero()) {
      fail("Too many failed attempts. Try again in " + seconds(wait) + " s.");
      return null;
    }
    if (request.getSession(false) != null) {
      request.changeSessionId(); // a session id planted before sign-in is worth nothing after it
    }
    AuthenticationStatus status =
        authenticate(request, (HttpServletResponse) external.getResponse());
    password = null;
    return switch (status) {
      case SEND_CONTINUE -> { // the mechanism redirects to the page that asked for sign-in
        throttle.succeeded(address);
        facesContext.responseComplete();
        yield null;
      }
      case SUCCESS -> { // signed in on the login page itself
        throttle.succeeded(address);
        yield "/index.xhtml?faces-redirect=true";
      }
      case SEND_FAILURE, NOT_DONE -> {
        int failures = throttle.failed(address);
        LOG.log(
            Level.WARNING,
            "Fleetgate console: failed sign-in for user \"{0}\" from {1} ({2} in a row)",
            new Object[] {printable(username), address, failures});
        fail("Wrong user name or password.");
        yield null;
      }
    };
  }

  private AuthenticationStatus authenticate(
      HttpServletRequest request, HttpServletResponse response) {
    UsernamePasswordCredential credential =
        new UsernamePasswordCredential(username, new Password(password));
    return securityContext.authenticate(request, response, withParams().credential(credential));
  }

  private void fail(String message) {
    facesContext.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  /** The user name as typed, safe for one log line: no control characters, bounded length. */
  static String printable(String name) {
    if (name == null) {
      return "";
    }
    String clean = name.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > MAX_LOGGED_NAME ? clean.substring(0, MAX_LOGGED_NAME) + "…" : clean;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}

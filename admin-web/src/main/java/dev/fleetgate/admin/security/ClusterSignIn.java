package dev.fleetgate.admin.security;

import dev.fleetgate.admin.ConsolePaths;
import dev.fleetgate.supervisor.cluster.Cluster;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes a console sign-in good on every node of a cluster (R11): a CDI decorator around the sign-in
 * mechanism of {@link ConsoleAuthentication}, so it sees each console request before that mechanism
 * (and its session and login-to-continue steps) does.
 *
 * <ul>
 *   <li>A sign-in, and any later signed-in request whose token is missing or past half its life,
 *       also gets a {@link NodeSessionCookie} with a new {@link NodeSessionToken}.
 *   <li>A request for a protected console page that has no session on this node (a load balancer
 *       sent it here, not to the node that signed it in) and carries a token this node accepts is
 *       signed in as the token's user, with the role this node gives that user, and gets a session
 *       here. It is not sent to the login page. Any other request goes to the mechanism unchanged.
 *   <li>Signing out clears the cookie.
 * </ul>
 *
 * <p>Without a cluster ({@link Cluster#sessionKey()} empty) every call goes straight to the
 * mechanism: no cookie is written or read.
 *
 * <p>The token only says who the caller is. Faces keeps each page's view state in the session of
 * the node that rendered it, so a form posted to another node finds no view: the post does nothing,
 * as a forged one would (dev.fleetgate.admin R6.2). An AJAX post gets Faces' expired-view answer: a
 * poll that gets it reloads its page ({@code console.js}), so a button's page reloads at its next
 * poll. A whole-page form (Sign out) is sent back to its page at once. Either way the reload is
 * signed in by the token.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public class ClusterSignIn implements HttpAuthenticationMechanism {

  private static final Logger LOG = Logger.getLogger(ClusterSignIn.class.getName());

  /** The token's lifetime when the session timeout is not a number of minutes. */
  static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(30);

  @Inject @Delegate HttpAuthenticationMechanism signIn;
  // CDI, not @EJB: a decorator's @EJB reference is not bound in a WAR of an EAR (Payara Server).
  @Inject Cluster cluster;
  @Inject ConsoleIdentityStore identities;
  Clock clock = Clock.systemUTC();

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    Optional<NodeSessions> clustered = sessions(request);
    if (clustered.isEmpty()) {
      return signIn.validateRequest(request, response, context);
    }
    NodeSessions sessions = clustered.get();
    List<String> presented = NodeSessionCookie.values(request.getCookies());
    if (mayContinueByToken(request, context)) {
      Optional<NodeSessionToken> token = sessions.accept(presented);
      if (token.isPresent()) {
        return continueHere(token.get(), presented, sessions, request, response, context);
      }
    }
    if (context.isAuthenticationRequest()) {
      return signInHere(sessions, request, response, context);
    }
    AuthenticationStatus status = signIn.validateRequest(request, response, context);
    signedIn(status, request, context)
        .flatMap(user -> sessions.renewal(user, presented))
        .ifPresent(token -> setCookie(token, sessions, request, response));
    return status;
  }

  @Override
  public AuthenticationStatus secureResponse(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    return signIn.secureResponse(request, response, context);
  }

  /**
   * Sign-out ({@code HttpServletRequest.logout}): the mechanism's, then the cookie goes (R11.4).
   */
  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    signIn.cleanSubject(request, response, context);
    if (!NodeSessionCookie.values(request.getCookies()).isEmpty()) {
      response.addHeader(
          NodeSessionCookie.SET_COOKIE,
          NodeSessionCookie.clearing(cookiePath(request), request.isSecure()));
    }
  }

  /** The cluster's session key; empty without a cluster. */
  Optional<byte[]> sessionKey() {
    return cluster.sessionKey();
  }

  private Optional<NodeSessions> sessions(HttpServletRequest request) {
    return sessionKey()
        .map(
            key ->
                new NodeSessions(
                    key, lifetime(request.getServletContext()), identities::roleOf, clock));
  }

  /**
   * A token is used only for a protected page, on a request that is not a sign-in, by a caller with
   * no session at all on this node: a session here, signed in or in the middle of signing in, stays
   * the mechanism's.
   */
  private static boolean mayContinueByToken(
      HttpServletRequest request, HttpMessageContext context) {
    return context.isProtected()
        && !context.isAuthenticationRequest()
        && request.getUserPrincipal() == null
        && request.getSession(false) == null;
  }

  private AuthenticationStatus continueHere(
      NodeSessionToken token,
      List<String> presented,
      NodeSessions sessions,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context) {
    sessions
        .renewal(token.user(), presented)
        .ifPresent(renewed -> setCookie(renewed, sessions, request, response));
    if (isFullPagePost(request)) {
      // A form of a page another node rendered: its view state is in that node's session, so
      // Faces would fail it (a 500 page). Its page is shown again instead, signed in by the token;
      // the post does nothing, as it would have done anyway (R11.5).
      LOG.log(
          Level.FINE,
          "Fleetgate console: a form of another node's page from {0} reloads its page",
          token.user());
      return context.redirect(request.getRequestURI() + query(request));
    }
    Set<String> groups = Set.of(token.role());
    context.setRegisterSession(token.user(), groups);
    LOG.log(
        Level.FINE,
        "Fleetgate console: {0} continues on this node, token issued at {1}",
        new Object[] {token.user(), token.issuedAt()});
    return context.notifyContainerAboutLogin(token.user(), groups);
  }

  /**
   * A POST that is not a Faces AJAX request: a whole-page form (Sign out, today). AJAX posts go on:
   * Faces answers an expired view with a partial response that {@code console.js} reloads on.
   */
  static boolean isFullPagePost(HttpServletRequest request) {
    return "POST".equals(request.getMethod())
        && !"partial/ajax".equals(request.getHeader("Faces-Request"));
  }

  private static String query(HttpServletRequest request) {
    String query = request.getQueryString();
    return query == null ? "" : "?" + query;
  }

  /**
   * A sign-in with credentials: a success gets a new token (R11.1). When the sign-in goes back to
   * the page that asked for it, the mechanism redirects there, and a redirect closes the response
   * to further headers: so the mechanism is handed a response that writes the cookie first.
   */
  private AuthenticationStatus signInHere(
      NodeSessions sessions,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context)
      throws AuthenticationException {
    Runnable issue =
        new Runnable() {
          private boolean done;

          @Override
          public void run() {
            Principal caller = context.getCallerPrincipal();
            if (!done && caller != null) {
              done = true;
              sessions
                  .issue(caller.getName())
                  .ifPresent(token -> setCookie(token, sessions, request, response));
            }
          }
        };
    HttpServletResponse original = context.getResponse();
    context.setResponse(new SignInResponse(original, issue));
    AuthenticationStatus status;
    try {
      status = signIn.validateRequest(request, response, context);
    } finally {
      context.setResponse(original);
    }
    if (status == AuthenticationStatus.SUCCESS || status == AuthenticationStatus.SEND_CONTINUE) {
      issue.run();
    }
    return status;
  }

  /**
   * The user signed in once the mechanism is done: the one it just authenticated, or the caller of
   * this node's session. Empty when nobody is (sent to sign in, failed, or an open page).
   */
  private static Optional<String> signedIn(
      AuthenticationStatus status, HttpServletRequest request, HttpMessageContext context) {
    Principal caller = context.getCallerPrincipal();
    if (caller == null && status == AuthenticationStatus.SUCCESS) {
      caller = request.getUserPrincipal(); // restored from this node's session
    }
    boolean done =
        status == AuthenticationStatus.SUCCESS || status == AuthenticationStatus.SEND_CONTINUE;
    return done && caller != null ? Optional.of(caller.getName()) : Optional.empty();
  }

  private static void setCookie(
      NodeSessionToken token,
      NodeSessions sessions,
      HttpServletRequest request,
      HttpServletResponse response) {
    response.addHeader(
        NodeSessionCookie.SET_COOKIE,
        NodeSessionCookie.header(sessions.encode(token), cookiePath(request), request.isSecure()));
  }

  /** A sign-in's response: runs {@code beforeRedirect} as the mechanism redirects. */
  static final class SignInResponse extends HttpServletResponseWrapper {
    private final Runnable beforeRedirect;

    SignInResponse(HttpServletResponse response, Runnable beforeRedirect) {
      super(response);
      this.beforeRedirect = beforeRedirect;
    }

    @Override
    public void sendRedirect(String location) throws IOException {
      beforeRedirect.run();
      super.sendRedirect(location);
    }
  }

  /** The console's path: {@code /admin} in both shapes (the EAR's context root, or the prefix). */
  static String cookiePath(HttpServletRequest request) {
    ServletContext context = request.getServletContext();
    String path =
        request.getContextPath()
            + ConsolePaths.validPrefix(context.getInitParameter(ConsolePaths.PREFIX_PARAM));
    return path.isEmpty() ? "/" : path;
  }

  /** The console session's timeout (web.xml {@code session-timeout}), the token's lifetime. */
  static Duration lifetime(ServletContext context) {
    int minutes = context.getSessionTimeout();
    return minutes > 0 ? Duration.ofMinutes(minutes) : DEFAULT_LIFETIME;
  }
}

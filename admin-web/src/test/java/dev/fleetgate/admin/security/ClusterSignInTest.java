package dev.fleetgate.admin.security;

import static dev.fleetgate.admin.security.ConsoleIdentityStore.ROLE;
import static dev.fleetgate.admin.security.ConsoleIdentityStore.VIEWER_ROLE;
import static dev.fleetgate.admin.security.NodeSessionTokenTest.KEY;
import static dev.fleetgate.admin.security.NodeSessionTokenTest.LIFETIME;
import static dev.fleetgate.admin.security.NodeSessionTokenTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterSignInTest {

  FakeExchange exchange = new FakeExchange();
  Optional<byte[]> key = Optional.of(KEY);
  int mechanismCalls;

  /** The form mechanism: sends a caller without a session to sign in. */
  AuthenticationStatus mechanismAnswer = AuthenticationStatus.SEND_CONTINUE;

  /** Whom the form mechanism signs in (a sign-in with the right password), if anyone. */
  String mechanismSignsIn;

  ClusterSignIn cut = decorator();

  ClusterSignIn decorator() {
    ClusterSignIn decorator =
        new ClusterSignIn() {
          @Override
          Optional<byte[]> sessionKey() {
            return key;
          }
        };
    decorator.identities = ConsoleIdentityStoreTest.adminAndViewer();
    decorator.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    decorator.signIn = mechanism();
    return decorator;
  }

  HttpAuthenticationMechanism mechanism() {
    return (request, response, context) -> {
      mechanismCalls++;
      if (mechanismSignsIn != null) {
        return context.notifyContainerAboutLogin(mechanismSignsIn, Set.of(ROLE));
      }
      return mechanismAnswer;
    };
  }

  AuthenticationStatus validate() throws Exception {
    return cut.validateRequest(exchange.request(), exchange.response(), exchange.context());
  }

  static String token(String user, String role, Instant issued) {
    return NodeSessionToken.issue(user, role, issued, LIFETIME).encode(KEY);
  }

  static void redirect(HttpMessageContext context, String location) {
    try {
      context.getResponse().sendRedirect(location);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  NodeSessionToken cookieToken() {
    assertEquals(1, exchange.setCookies.size(), exchange.setCookies.toString());
    String header = exchange.setCookies.get(0);
    String value = header.substring(header.indexOf('=') + 1, header.indexOf(';'));
    return NodeSessionToken.verify(value, KEY).orElseThrow();
  }

  @Test
  @DisplayName("R11.2 a caller with no session here and a valid token is signed in, not redirected")
  void continuesSignInFromAnotherNode() throws Exception {
    exchange.withToken(token("admin", ROLE, NOW.minusSeconds(60)));

    AuthenticationStatus status = validate();

    assertEquals(AuthenticationStatus.SUCCESS, status);
    assertEquals(0, mechanismCalls);
    assertEquals("admin", exchange.caller.getName());
    assertEquals(Set.of(ROLE), exchange.groups);
    assertEquals("admin", exchange.registeredUser);
    assertEquals(Set.of(ROLE), exchange.registeredGroups);
    assertEquals(List.of(), exchange.setCookies); // still fresh
  }

  @Test
  @DisplayName("R11.5 a whole-page form of another node's page is sent back to its page")
  void formOfAnotherNodesPageReloadsIt() throws Exception {
    exchange.httpMethod = "POST"; // Sign out, posted to a node that never rendered the page
    exchange.requestUri = "/admin/worker.xhtml";
    exchange.query = "id=2";
    exchange.withToken(token("admin", ROLE, NOW));

    assertEquals(AuthenticationStatus.SEND_CONTINUE, validate());
    assertEquals("/admin/worker.xhtml?id=2", exchange.redirectedTo);
    assertEquals(0, mechanismCalls);
    assertNull(exchange.caller); // the post itself does nothing
  }

  @Test
  @DisplayName("R11.5 an AJAX post of another node's page is signed in: Faces answers the old view")
  void ajaxPostOfAnotherNodesPageGoesOn() throws Exception {
    exchange.httpMethod = "POST";
    exchange.facesRequest = "partial/ajax"; // a poll: console.js reloads on the expired view
    exchange.withToken(token("admin", ROLE, NOW));

    assertEquals(AuthenticationStatus.SUCCESS, validate());
    assertEquals("admin", exchange.caller.getName());
    assertNull(exchange.redirectedTo);
  }

  @Test
  @DisplayName("R11.2 the viewer continues as a viewer")
  void viewerStaysViewer() throws Exception {
    exchange.withToken(token("ops", VIEWER_ROLE, NOW));

    validate();

    assertEquals(Set.of(VIEWER_ROLE), exchange.groups);
  }

  @Test
  @DisplayName("R11.2 an expired, tampered or unknown user's token leads to sign-in as usual")
  void ignoresTokensNotAccepted() throws Exception {
    List<String> refused =
        List.of(
            token("admin", ROLE, NOW.minus(LIFETIME)), // expired just now
            token("admin", ROLE, NOW).replace(".fleetgate-admin.", ".fleetgate-viewer."),
            token("mallory", ROLE, NOW),
            token("ops", ROLE, NOW), // this node's viewer, claimed as administrator
            NodeSessionToken.issue("admin", ROLE, NOW, LIFETIME)
                .encode(NodeSessionTokenTest.key(9)));
    for (String value : refused) {
      exchange = new FakeExchange().withToken(value);

      assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(), value);
      assertNull(exchange.caller, value);
      assertNull(exchange.registeredUser, value);
    }
    assertEquals(refused.size(), mechanismCalls);
  }

  @Test
  @DisplayName("R11.2 a session on this node stays the mechanism's, token or not")
  void leavesSessionsToTheMechanism() throws Exception {
    exchange.session = true; // e.g. in the middle of signing in here
    exchange.withToken(token("admin", ROLE, NOW));

    assertEquals(AuthenticationStatus.SEND_CONTINUE, validate());
    assertEquals(1, mechanismCalls);
    assertNull(exchange.registeredUser);
  }

  @Test
  @DisplayName("R11.2 the token opens protected pages only: the login page and resources stay open")
  void usesTokenOnlyForProtectedPages() throws Exception {
    exchange.protectedPage = false;
    exchange.withToken(token("admin", ROLE, NOW));
    mechanismAnswer = AuthenticationStatus.NOT_DONE;

    assertEquals(AuthenticationStatus.NOT_DONE, validate());
    assertNull(exchange.caller);
    assertEquals(List.of(), exchange.setCookies);
  }

  @Test
  @DisplayName("R11.1 a sign-in sets the token cookie for the user and role just checked")
  void signInSetsCookie() throws Exception {
    exchange.authenticationRequest = true;
    mechanismSignsIn = "admin";

    assertEquals(AuthenticationStatus.SUCCESS, validate());

    NodeSessionToken token = cookieToken();
    assertEquals("admin", token.user());
    assertEquals(ROLE, token.role());
    assertEquals(NOW.plus(LIFETIME), token.expiresAt());
    String header = exchange.setCookies.get(0);
    assertTrue(header.startsWith(NodeSessionCookie.NAME + "="), header);
    assertTrue(header.endsWith("; Path=/admin; HttpOnly; SameSite=Strict"), header);
  }

  @Test
  @DisplayName("R11.1 a sign-in that goes back to the page that asked for it sets the cookie too")
  void signInWithRedirectSetsCookie() throws Exception {
    exchange.authenticationRequest = true;
    cut.signIn =
        (request, response, context) -> {
          context.notifyContainerAboutLogin("ops", Set.of(VIEWER_ROLE));
          redirect(context, "/admin/worker.xhtml?id=1"); // the saved page
          return AuthenticationStatus.SEND_CONTINUE;
        };

    validate();

    assertEquals("/admin/worker.xhtml?id=1", exchange.redirectedTo);
    assertEquals("ops", cookieToken().user()); // written before the redirect closed the response
    assertFalse(exchange.contextResponse instanceof ClusterSignIn.SignInResponse); // given back
  }

  @Test
  @DisplayName("R11.1 a failed sign-in that redirects sets no cookie")
  void failedSignInWithRedirectSetsNoCookie() throws Exception {
    exchange.authenticationRequest = true;
    cut.signIn =
        (request, response, context) -> {
          redirect(context, "/admin/error.xhtml");
          return AuthenticationStatus.SEND_FAILURE;
        };

    validate();

    assertEquals(List.of(), exchange.setCookies);
  }

  @Test
  @DisplayName("R11.1 a sign-in replaces the token of whoever signed in before")
  void signInReplacesOlderToken() throws Exception {
    exchange.authenticationRequest = true;
    exchange.withToken(token("ops", VIEWER_ROLE, NOW));
    mechanismSignsIn = "admin";

    validate();

    assertEquals("admin", cookieToken().user());
  }

  @Test
  @DisplayName("R11.1 the cookie is Secure over TLS, and scoped to /admin in the EAR too")
  void secureCookieInTheEar() throws Exception {
    exchange.authenticationRequest = true;
    exchange.secure = true;
    exchange.contextPath = "/admin";
    exchange.prefix = "";
    mechanismSignsIn = "admin";

    validate();

    assertTrue(
        exchange.setCookies.get(0).endsWith("; Path=/admin; HttpOnly; SameSite=Strict; Secure"),
        exchange.setCookies.get(0));
  }

  @Test
  @DisplayName("R11.1 a failed sign-in sets no cookie")
  void failedSignInSetsNoCookie() throws Exception {
    exchange.authenticationRequest = true;
    mechanismAnswer = AuthenticationStatus.SEND_FAILURE;

    assertEquals(AuthenticationStatus.SEND_FAILURE, validate());
    assertEquals(List.of(), exchange.setCookies);
  }

  @Test
  @DisplayName("R11.3 a request of a session here renews a token past half its life, not before")
  void renewsForSessionCallers() throws Exception {
    exchange.session = true;
    exchange.sessionCaller = () -> "admin";
    mechanismAnswer = AuthenticationStatus.SUCCESS; // the session's caller, restored
    exchange.withToken(token("admin", ROLE, NOW.minus(LIFETIME.dividedBy(2))));

    validate();
    assertEquals(List.of(), exchange.setCookies);

    exchange.cookies.clear();
    exchange.withToken(token("admin", ROLE, NOW.minus(LIFETIME.dividedBy(2)).minusSeconds(1)));
    validate();
    assertEquals(NOW, cookieToken().issuedAt());
  }

  @Test
  @DisplayName("R11.3 a token that got a caller a session here is renewed when due")
  void renewsOnContinuation() throws Exception {
    exchange.withToken(token("admin", ROLE, NOW.minus(Duration.ofMinutes(20))));

    validate();

    assertEquals("admin", exchange.caller.getName());
    assertEquals(NOW.plus(LIFETIME), cookieToken().expiresAt());
  }

  @Test
  @DisplayName("R11.4 signing out clears the cookie")
  void signOutClearsCookie() {
    exchange.withToken(token("admin", ROLE, NOW));

    cut.cleanSubject(exchange.request(), exchange.response(), exchange.context());

    assertTrue(exchange.subjectCleaned); // the mechanism's own sign-out ran
    assertEquals(List.of(NodeSessionCookie.clearing("/admin", false)), exchange.setCookies);
  }

  @Test
  @DisplayName("R11.4 signing out without the cookie sends none")
  void signOutWithoutCookie() {
    cut.cleanSubject(exchange.request(), exchange.response(), exchange.context());

    assertTrue(exchange.subjectCleaned);
    assertEquals(List.of(), exchange.setCookies);
  }

  @Test
  @DisplayName("R11 without a cluster the mechanism alone decides, and no cookie is written")
  void withoutClusterNothingChanges() throws Exception {
    key = Optional.empty();
    exchange.withToken(token("admin", ROLE, NOW));

    assertEquals(AuthenticationStatus.SEND_CONTINUE, validate());
    assertEquals(1, mechanismCalls);
    assertNull(exchange.caller);

    exchange = new FakeExchange();
    exchange.authenticationRequest = true;
    mechanismSignsIn = "admin";
    assertEquals(AuthenticationStatus.SUCCESS, validate());
    assertEquals(List.of(), exchange.setCookies);
  }

  @Test
  @DisplayName("R11.1 the token lasts as long as the console session's timeout")
  void lifetimeIsTheSessionTimeout() {
    exchange.sessionTimeout = 45;
    assertEquals(
        Duration.ofMinutes(45), ClusterSignIn.lifetime(exchange.request().getServletContext()));

    exchange.sessionTimeout = 0; // never: still a bounded token, renewed while used
    assertEquals(
        ClusterSignIn.DEFAULT_LIFETIME,
        ClusterSignIn.lifetime(exchange.request().getServletContext()));
    assertFalse(ClusterSignIn.DEFAULT_LIFETIME.isZero());
  }
}

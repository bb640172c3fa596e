package dev.fleetgate.admin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R9: the console's sign-in module sees the console's requests, and only them. */
class ConsoleOnlyAuthenticationTest {

  final List<String> consoleCalls = new ArrayList<>();
  final ServerAuthContext console =
      new ServerAuthContext() {
        @Override
        public AuthStatus validateRequest(MessageInfo m, Subject client, Subject service) {
          consoleCalls.add("validate " + servletPath(m));
          return AuthStatus.SEND_CONTINUE;
        }

        @Override
        public AuthStatus secureResponse(MessageInfo m, Subject service) {
          consoleCalls.add("secure " + servletPath(m));
          return AuthStatus.SEND_FAILURE;
        }

        @Override
        public void cleanSubject(MessageInfo m, Subject subject) {
          consoleCalls.add("clean " + servletPath(m));
        }
      };
  final ConsoleOnlyAuthentication.Context cut =
      new ConsoleOnlyAuthentication.Context(console, "/admin");

  @ParameterizedTest
  @CsvSource({
    "/admin, true",
    "/admin/index.xhtml, true",
    "/admin/metrics, true",
    "'', false", // the proxy's /* mapping: every proxied path has an empty servlet path
    "/administrator, false",
    "/adm, false",
  })
  void aRequestIsTheConsolesWhenItsServletPathIsThePrefixOrBelow(String path, boolean console) {
    assertEquals(console, ConsoleOnlyAuthentication.forConsole(message(path), "/admin"));
  }

  @ParameterizedTest
  @CsvSource({"/admin/index.xhtml", "/admin"})
  void consoleRequestsGoToTheSignInModuleAndGetItsAnswers(String path) throws Exception {
    assertEquals(AuthStatus.SEND_CONTINUE, cut.validateRequest(message(path), null, null));
    assertEquals(AuthStatus.SEND_FAILURE, cut.secureResponse(message(path), null));
    assertEquals(List.of("validate " + path, "secure " + path), consoleCalls);
  }

  @ParameterizedTest
  @CsvSource({"''", "/administrator"})
  void proxiedRequestsPassWithoutCallerAndNeverReachTheSignInModule(String path) throws Exception {
    Subject caller = new Subject();

    assertEquals(AuthStatus.SUCCESS, cut.validateRequest(message(path), caller, null));
    assertEquals(AuthStatus.SEND_SUCCESS, cut.secureResponse(message(path), null));

    assertTrue(consoleCalls.isEmpty());
    assertTrue(caller.getPrincipals().isEmpty(), "no caller is made up for a proxied request");
  }

  @ParameterizedTest
  @CsvSource({"/admin/index.xhtml", "''"})
  void cleaningASubjectIsAlwaysTheModulesBusiness(String path) throws Exception {
    cut.cleanSubject(message(path), new Subject());
    assertEquals(List.of("clean " + path), consoleCalls);
  }

  @Test
  void aMessageThatIsNotAServletRequestIsLeftToTheModule() {
    MessageInfo other = new Message(new Object());
    assertTrue(ConsoleOnlyAuthentication.forConsole(other, "/admin"));
    assertFalse(ConsoleOnlyAuthentication.forConsole(message(""), "/admin"));
  }

  static MessageInfo message(String servletPath) {
    HttpServletRequest request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getServletPath")) {
                    return servletPath;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return new Message(request);
  }

  static String servletPath(MessageInfo message) {
    return ((HttpServletRequest) message.getRequestMessage()).getServletPath();
  }

  /** A message as the container hands it over, holding a request. */
  static final class Message implements MessageInfo {
    private Object request;
    private Object response;
    private final Map<String, Object> map = new HashMap<>();

    Message(Object request) {
      this.request = request;
    }

    @Override
    public Object getRequestMessage() {
      return request;
    }

    @Override
    public Object getResponseMessage() {
      return response;
    }

    @Override
    public void setRequestMessage(Object request) {
      this.request = request;
    }

    @Override
    public void setResponseMessage(Object response) {
      this.response = response;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // the Jakarta Authentication signature
    public Map getMap() {
      return map;
    }
  }
}

package dev.fleetgate.admin.security;

import dev.fleetgate.admin.ConsolePaths;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One console request as {@link ClusterSignIn} sees it: the request, the response and Jakarta
 * Security's message context, as dynamic proxies that answer what the decorator asks and fail the
 * test on anything else. Fields set the scene; the lists and the notified caller record what
 * happened.
 */
final class FakeExchange {

  // the request
  String httpMethod = "GET";
  String requestUri = "/admin/index.xhtml";
  String query;
  String facesRequest;
  final List<Cookie> cookies = new ArrayList<>();
  Principal sessionCaller;
  boolean session;
  boolean secure;
  String contextPath = "";
  String prefix = "/admin";
  int sessionTimeout = 30;

  // the message context
  boolean protectedPage = true;
  boolean authenticationRequest;
  Principal caller;
  Set<String> groups;
  String registeredUser;
  Set<String> registeredGroups;
  boolean subjectCleaned;

  // the response, which (as Payara's) takes no header once redirected
  final List<String> setCookies = new ArrayList<>();
  String redirectedTo;
  HttpServletResponse contextResponse;

  FakeExchange withToken(String value) {
    cookies.add(new Cookie(NodeSessionCookie.NAME, value));
    return this;
  }

  HttpServletRequest request() {
    return proxy(
        HttpServletRequest.class,
        (method, args) ->
            switch (method) {
              case "getMethod" -> httpMethod;
              case "getRequestURI" -> requestUri;
              case "getQueryString" -> query;
              case "getHeader" -> "Faces-Request".equals(args[0]) ? facesRequest : null;
              case "getCookies" -> cookies.isEmpty() ? null : cookies.toArray(Cookie[]::new);
              case "getUserPrincipal" -> sessionCaller;
              case "getSession" -> session ? proxy(HttpSession.class, FakeExchange::none) : null;
              case "isSecure" -> secure;
              case "getContextPath" -> contextPath;
              case "getServletContext" -> servletContext();
              default -> none(method, args);
            });
  }

  HttpServletResponse response() {
    return proxy(
        HttpServletResponse.class,
        (method, args) -> {
          if (method.equals("addHeader") && args[0].equals("Set-Cookie")) {
            if (redirectedTo == null) {
              setCookies.add((String) args[1]);
            }
            return null;
          }
          if (method.equals("sendRedirect")) {
            redirectedTo = (String) args[0];
            return null;
          }
          return none(method, args);
        });
  }

  @SuppressWarnings("unchecked")
  HttpMessageContext context() {
    return proxy(
        HttpMessageContext.class,
        (method, args) ->
            switch (method) {
              case "isProtected" -> protectedPage;
              case "isAuthenticationRequest" -> authenticationRequest;
              case "getCallerPrincipal" -> caller;
              case "getGroups" -> groups;
              case "redirect" -> {
                redirectedTo = (String) args[0];
                yield AuthenticationStatus.SEND_CONTINUE;
              }
              case "getResponse" -> contextResponse != null ? contextResponse : response();
              case "setResponse" -> {
                contextResponse = (HttpServletResponse) args[0];
                yield null;
              }
              case "cleanClientSubject" -> {
                subjectCleaned = true;
                yield null;
              }
              case "setRegisterSession" -> {
                registeredUser = (String) args[0];
                registeredGroups = (Set<String>) args[1];
                yield null;
              }
              case "notifyContainerAboutLogin" -> {
                String name = (String) args[0];
                caller = () -> name;
                groups = (Set<String>) args[1];
                yield AuthenticationStatus.SUCCESS;
              }
              default -> none(method, args);
            });
  }

  private ServletContext servletContext() {
    return proxy(
        ServletContext.class,
        (method, args) ->
            switch (method) {
              case "getInitParameter" -> ConsolePaths.PREFIX_PARAM.equals(args[0]) ? prefix : null;
              case "getSessionTimeout" -> sessionTimeout;
              default -> none(method, args);
            });
  }

  private static Object none(String method, Object[] args) {
    throw new UnsupportedOperationException("not expected: " + method);
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, BiFunction<String, Object[], Object> answers) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) ->
                switch (method.getName()) {
                  case "toString" -> "fake " + type.getSimpleName();
                  case "hashCode" -> System.identityHashCode(self);
                  case "equals" -> self == args[0];
                  default -> answers.apply(method.getName(), args);
                });
  }
}

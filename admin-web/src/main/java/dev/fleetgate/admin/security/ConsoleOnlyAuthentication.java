package dev.fleetgate.admin.security;

import dev.fleetgate.admin.ConsolePaths;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;

/**
 * Keeps the console's sign-in off the proxy's requests in the merged WAR (R9).
 *
 * <p>Jakarta Security authenticates through one Jakarta Authentication module per application,
 * which the container calls twice for every request of the application: before the servlet and when
 * the response completes. In the merged WAR the proxy is the same application as the console, and
 * that module (Soteria's bridge) looks the CDI bean manager up in JNDI on each call: about an
 * eighth of the CPU of a proxied request, measured with async-profiler under {@code bench/run}'s
 * load.
 *
 * <p>After Soteria has registered its module, this listener registers the same provider again,
 * wrapped: requests whose servlet path is outside the console prefix are answered "authenticated as
 * nobody" at once; console requests go to Soteria unchanged. Failing closed: a console request
 * taken for a proxied one would have no caller, so the constraints on {@code /admin/*} refuse it.
 *
 * <p>Declared only in the merged WAR's web.xml: in the EAR the console has an application of its
 * own.
 */
public class ConsoleOnlyAuthentication implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(ConsoleOnlyAuthentication.class.getName());

  /** The message layer of the Servlet container profile of Jakarta Authentication. */
  static final String SERVLET_LAYER = "HttpServlet";

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    String prefix = ConsolePaths.validPrefix(context.getInitParameter(ConsolePaths.PREFIX_PARAM));
    if (prefix.isEmpty()) {
      return; // the console is the whole application: nothing to keep apart
    }
    // The application context id, as Jakarta Authentication 3 defines it for
    // registerServerAuthModule.
    String appContext = context.getVirtualServerName() + " " + context.getContextPath();
    AuthConfigFactory factory = AuthConfigFactory.getFactory();
    AuthConfigProvider console = factory.getConfigProvider(SERVLET_LAYER, appContext, null);
    if (console == null) {
      throw new IllegalStateException(
          "No Jakarta Authentication module is registered for " + appContext + ": sign-in is off");
    }
    factory.registerConfigProvider(
        new Provider(console, prefix), SERVLET_LAYER, appContext, "Fleetgate console only");
    LOG.fine(() -> "Console sign-in limited to " + prefix + " in " + appContext);
  }

  /** Whether a request is for the console: its servlet path is the prefix or below it. */
  static boolean forConsole(MessageInfo message, String prefix) {
    if (!(message.getRequestMessage() instanceof HttpServletRequest request)) {
      return true;
    }
    String path = request.getServletPath();
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  /** Soteria's provider, its server contexts wrapped. */
  record Provider(AuthConfigProvider console, String prefix) implements AuthConfigProvider {
    @Override
    public ServerAuthConfig getServerAuthConfig(
        String layer, String appContext, CallbackHandler handler) throws AuthException {
      return new Config(console.getServerAuthConfig(layer, appContext, handler), prefix);
    }

    @Override
    public ClientAuthConfig getClientAuthConfig(
        String layer, String appContext, CallbackHandler handler) throws AuthException {
      return console.getClientAuthConfig(layer, appContext, handler);
    }

    @Override
    public void refresh() {
      console.refresh();
    }
  }

  record Config(ServerAuthConfig console, String prefix) implements ServerAuthConfig {
    @Override
    @SuppressWarnings("rawtypes") // the Jakarta Authentication signature
    public ServerAuthContext getAuthContext(
        String authContextId, Subject serviceSubject, Map properties) throws AuthException {
      return new Context(console.getAuthContext(authContextId, serviceSubject, properties), prefix);
    }

    @Override
    public String getMessageLayer() {
      return console.getMessageLayer();
    }

    @Override
    public String getAppContext() {
      return console.getAppContext();
    }

    @Override
    public String getAuthContextID(MessageInfo messageInfo) {
      return console.getAuthContextID(messageInfo);
    }

    @Override
    public void refresh() {
      console.refresh();
    }

    @Override
    public boolean isProtected() {
      return console.isProtected();
    }
  }

  record Context(ServerAuthContext console, String prefix) implements ServerAuthContext {
    @Override
    public AuthStatus validateRequest(
        MessageInfo message, Subject clientSubject, Subject serviceSubject) throws AuthException {
      return forConsole(message, prefix)
          ? console.validateRequest(message, clientSubject, serviceSubject)
          : AuthStatus.SUCCESS; // no caller: the proxy's paths have no constraint
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject serviceSubject)
        throws AuthException {
      return forConsole(message, prefix)
          ? console.secureResponse(message, serviceSubject)
          : AuthStatus.SEND_SUCCESS;
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) throws AuthException {
      console.cleanSubject(message, subject);
    }
  }
}

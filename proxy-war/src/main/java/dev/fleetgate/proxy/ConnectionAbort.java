package dev.fleetgate.proxy;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cuts the client's connection in the middle of a response, as nginx does when a worker fails after
 * its headers went out (R11). The Servlet API has no way to say "this body is incomplete"
 * (jakartaee/servlet#98): completing the request would end a chunked body as if it were whole. So
 * this reaches Payara's Grizzly connection (web-core's {@code RequestFacade} → Catalina {@code
 * Request} → Grizzly {@code Request} → {@code Connection.closeSilently()}) through its public
 * methods, looked up once. On another container it answers false and the caller completes.
 */
final class ConnectionAbort {
  private static final Logger LOG = Logger.getLogger(ConnectionAbort.class.getName());

  private ConnectionAbort() {}

  /** Closes the client's connection now; false when this container offers no way to. */
  static boolean abort(HttpServletRequest request) {
    try {
      Object catalina =
          call(request, "org.apache.catalina.connector.RequestFacade", "getUnwrappedCoyoteRequest");
      Object grizzly = call(catalina, "org.apache.catalina.connector.Request", "getCoyoteRequest");
      Object connection =
          call(grizzly, "org.glassfish.grizzly.http.server.Request", "getConnection");
      call(connection, "org.glassfish.grizzly.Connection", "closeSilently");
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "Cannot cut the client connection on this container", e);
      return false;
    }
  }

  /** Calls a public no-argument method as declared by a public type of the object's loader. */
  private static Object call(Object target, String declaringType, String name)
      throws ReflectiveOperationException {
    Class<?> type = Class.forName(declaringType, false, target.getClass().getClassLoader());
    Method method = type.getMethod(name);
    return method.invoke(target);
  }
}

package dev.fleetgate.proxy;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cuts the client's connection in the middle of a response, as nginx does when a worker fails after
 * its headers went out (R11). The Servlet API has no way to say "this body is incomplete"
 * (jakartaee/servlet#98): completing the request would end a chunked body as if it were whole. So
 * this reaches Payara's Grizzly connection (web-core's {@code RequestFacade} → Catalina {@code
 * Request} → Grizzly {@code Request} → {@code Connection.closeSilently()}) through public methods
 * found by reflection, so that the WAR needs no Payara class to compile.
 *
 * <p>The methods are looked up once: at start by {@link #probe} with the container's class loader,
 * or, when that loader cannot see web-core's classes, at the first abort with the request's. Either
 * way the outcome is logged once, a warning when this container offers no way to cut a connection;
 * from then on {@link #abort} answers false at once, and the caller completes the response.
 */
final class ConnectionAbort {
  private static final Logger LOG = Logger.getLogger(ConnectionAbort.class.getName());

  /** Each step's public type and its public no-argument method, from the request to the close. */
  private static final String[][] STEPS = {
    {"org.apache.catalina.connector.RequestFacade", "getUnwrappedCoyoteRequest"},
    {"org.apache.catalina.connector.Request", "getCoyoteRequest"},
    {"org.glassfish.grizzly.http.server.Request", "getConnection"},
    {"org.glassfish.grizzly.Connection", "closeSilently"}
  };

  private static final Method[] UNSUPPORTED = new Method[0];

  /** The methods of {@link #STEPS}, {@link #UNSUPPORTED}, or null until looked up. */
  private static final AtomicReference<Method[]> CHAIN = new AtomicReference<>();

  private ConnectionAbort() {}

  /**
   * Looks the methods up with the container's class loader (the servlet context's), and logs
   * whether connections can be cut; leaves it to the first abort when that loader cannot see
   * web-core's request class.
   */
  static void probe(ClassLoader container) {
    Class<?> facade;
    try {
      facade = Class.forName(STEPS[0][0], false, container);
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.log(
          Level.FINE,
          "{0} is not visible at start: the way to cut a client connection is looked up at the"
              + " first abort",
          STEPS[0][0]);
      return;
    }
    settle(resolve(facade));
  }

  /** Closes the client's connection now; false when this container offers no way to. */
  static boolean abort(HttpServletRequest request) {
    Method[] chain = CHAIN.get();
    if (chain == null) {
      chain = settle(resolveFrom(request));
    }
    if (chain == UNSUPPORTED) {
      return false;
    }
    try {
      Object target = request;
      for (Method step : chain) {
        target = step.invoke(target);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "Could not cut the client connection", e);
      return false;
    }
  }

  private static Method[] resolveFrom(HttpServletRequest request) {
    try {
      return resolve(Class.forName(STEPS[0][0], false, request.getClass().getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return unsupported(e);
    }
  }

  /** Each step's method, each next type found through the one before (OSGi: its own loader). */
  private static Method[] resolve(Class<?> facade) {
    Method[] chain = new Method[STEPS.length];
    try {
      Class<?> type = facade;
      for (int i = 0; i < STEPS.length; i++) {
        if (i > 0) {
          type = typeAfter(chain[i - 1], STEPS[i][0]);
        }
        chain[i] = type.getMethod(STEPS[i][1]);
      }
      return chain;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return unsupported(e);
    }
  }

  /** The type named {@code name}: the previous method's return type, or one its loaders see. */
  private static Class<?> typeAfter(Method previous, String name) throws ClassNotFoundException {
    Class<?> returned = previous.getReturnType();
    if (returned.getName().equals(name)) {
      return returned;
    }
    try {
      return Class.forName(name, false, returned.getClassLoader());
    } catch (ClassNotFoundException e) {
      return Class.forName(name, false, previous.getDeclaringClass().getClassLoader());
    }
  }

  private static Method[] unsupported(Throwable why) {
    LOG.log(Level.FINE, "No way to cut a client connection", why);
    return UNSUPPORTED;
  }

  /** Keeps the first lookup's outcome and logs it; a racing second lookup takes the first's. */
  private static Method[] settle(Method[] chain) {
    if (!CHAIN.compareAndSet(null, chain)) {
      return CHAIN.get();
    }
    if (chain == UNSUPPORTED) {
      LOG.warning(
          "This container offers no way to cut a client connection: a response whose worker breaks"
              + " off mid-body will end as if it were complete (Fleetgate knows Payara's Grizzly"
              + " connections)");
    } else {
      LOG.fine("Client connections are cut mid-response through Grizzly's Connection");
    }
    return chain;
  }
}

package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** R11: on a container other than Payara, cutting a connection says it cannot, and never throws. */
class ConnectionAbortTest {

  @Test
  void r11_answersFalseWhereTheContainerOffersNoWayToCutAConnection() {
    ConnectionAbort.probe(getClass().getClassLoader()); // no web-core here: left to the first abort
    HttpServletRequest request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> {
                  throw new UnsupportedOperationException(method.getName());
                });

    assertFalse(ConnectionAbort.abort(request));
    assertFalse(ConnectionAbort.abort(request), "looked up once, still no way");
  }
}

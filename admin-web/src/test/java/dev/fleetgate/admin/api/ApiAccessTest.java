package dev.fleetgate.admin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiAccessTest {

  /** A request with these headers and this Content-Length (-1: none). */
  static HttpServletRequest request(Map<String, String> headers, long length) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            ApiAccessTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getHeader" -> headers.get((String) args[0]);
                  case "getContentLengthLong" -> length;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @ParameterizedTest(name = "upgrade={0} length={1} chunked={2} → {3}")
  @DisplayName("R5 a body that asks for an h2c upgrade is refused at once, nothing else is")
  @CsvSource({
    "h2c,11,false,true",
    "h2c,-1,true,true",
    "h2c,0,false,false",
    "h2c,-1,false,false",
    ",11,false,false",
    ",-1,true,false"
  })
  void refusesOnlyAnUpgradeWithABody(
      String upgrade, long length, boolean chunked, boolean refused) {
    Map<String, String> headers = new java.util.HashMap<>();
    if (upgrade != null) {
      headers.put("Upgrade", upgrade);
    }
    if (chunked) {
      headers.put("Transfer-Encoding", "chunked");
    }

    assertEquals(refused, ApiAccess.upgradeWithBody(request(headers, length)));
  }
}

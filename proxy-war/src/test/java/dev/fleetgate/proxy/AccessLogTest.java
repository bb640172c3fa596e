package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

/** R9: one access log line per request, in the configured format. */
class AccessLogTest {
  static final AccessLog.Entry ENTRY =
      new AccessLog.Entry("127.0.0.1", "GET", "/a?b=1", 200, 512, 1, 3, 4);

  @Test
  void r9_fillsEveryField() {
    AccessLog cut =
        new AccessLog(
            true,
            "k",
            "{client} \"{method} {path}\" {status} {bytes} w={worker} {upstream_ms}/{total_ms}");
    assertEquals("127.0.0.1 \"GET /a?b=1\" 200 512 w=1 3/4", cut.format(ENTRY));
  }

  @Test
  void r9_marksWhatDidNotHappen() {
    AccessLog cut = new AccessLog(true, "k", "{worker} {upstream_ms}");
    assertEquals("- -", cut.format(new AccessLog.Entry("::1", "GET", "/", 502, 0, -1, -1, 0)));
  }

  @Test
  void r9_anUnknownFieldNamesTheKey() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> new AccessLog(true, "fleetgate.proxy.access-log-format", "{client} {referer}"));
    assertTrue(e.getMessage().contains("fleetgate.proxy.access-log-format"), e.getMessage());
    assertTrue(e.getMessage().contains("{referer}"), e.getMessage());
  }
}

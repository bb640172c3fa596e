package dev.fleetgate.proxy.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

/** R1: one access log line per request, in the configured template. */
class AccessLogTest {
  /** 2026-12-02T09:15:04.120Z */
  static final long TIME = 1_796_202_904_120L;

  static final AccessLog.Entry ENTRY =
      new AccessLog.Entry(
          TIME,
          "0123456789abcdef0123456789abcdef",
          "127.0.0.1",
          "GET",
          "/a?b=1",
          200,
          7,
          512,
          "default",
          1,
          3,
          4,
          1,
          "HTTP/1.1",
          "TLSv1.3");

  @Test
  void r1_fillsEveryField() {
    TextFormat cut =
        TextFormat.parse(
            "k",
            "{client} \"{method} {path}\" {status} {bytes} w={worker} {upstream_ms}/{total_ms}");
    assertEquals("127.0.0.1 \"GET /a?b=1\" 200 512 w=1 3/4", cut.line(ENTRY));
  }

  @Test
  void r1_fillsTheFieldsAddedWithRequestIds() {
    TextFormat cut =
        TextFormat.parse(
            "k", "{time} {request_id} in={bytes_in} out={bytes_out} {retries} {protocol} {tls}");
    assertEquals(
        "2026-12-02T09:15:04.120Z 0123456789abcdef0123456789abcdef in=7 out=512 1 HTTP/1.1"
            + " TLSv1.3",
        cut.line(ENTRY));
  }

  @Test
  void r1_aTimeOnTheSecondStillHasItsMilliseconds() {
    AccessLog.Entry onTheSecond =
        new AccessLog.Entry(
            0, null, "::1", "GET", "/", 200, 0, 0, "default", 0, 0, 0, 0, "HTTP/1.1", null);
    assertEquals("1970-01-01T00:00:00.000Z", onTheSecond.time());
  }

  @Test
  void r1_marksWhatDidNotHappen() {
    TextFormat cut = TextFormat.parse("k", "{worker} {upstream_ms} {request_id} {tls}");
    assertEquals(
        "- - - -",
        cut.line(
            new AccessLog.Entry(
                TIME, null, "::1", "GET", "/", 502, 0, 0, null, -1, -1, 0, 0, "HTTP/1.1", null)));
  }

  @Test
  void r1_keepsTheTextAroundTheFields() {
    assertEquals("[GET]", TextFormat.parse("k", "[{method}]").line(ENTRY));
    assertEquals("no fields", TextFormat.parse("k", "no fields").line(ENTRY));
  }

  @Test
  void r1_anUnknownFieldNamesTheKey() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> TextFormat.parse("fleetgate.proxy.access-log-format", "{client} {referer}"));
    assertTrue(e.getMessage().contains("fleetgate.proxy.access-log-format"), e.getMessage());
    assertTrue(e.getMessage().contains("{referer}"), e.getMessage());
  }
}

package dev.fleetgate.proxy.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** R2: one JSON object per line, every field, escaped as JSON requires. */
class JsonFormatTest {
  final JsonFormat cut = new JsonFormat();

  static JsonObject parse(String line) {
    try (var reader = Json.createReader(new StringReader(line))) {
      return reader.readObject();
    }
  }

  @Test
  void r2_aLineParsesBackWithEveryField() {
    String line = cut.line(AccessLogTest.ENTRY);

    assertFalse(line.contains("\n"), "one line: " + line);
    JsonObject json = parse(line);
    assertEquals(
        Set.of(
            "time",
            "request_id",
            "client",
            "method",
            "path",
            "status",
            "bytes_in",
            "bytes_out",
            "app",
            "worker",
            "upstream_ms",
            "total_ms",
            "retries",
            "protocol",
            "tls"),
        json.keySet());
    assertEquals("2026-12-02T09:15:04.120Z", json.getString("time"));
    assertEquals("0123456789abcdef0123456789abcdef", json.getString("request_id"));
    assertEquals("127.0.0.1", json.getString("client"));
    assertEquals("default", json.getString("app"), "the worker's app, with its id in that app");
    assertEquals("GET", json.getString("method"));
    assertEquals("/a?b=1", json.getString("path"));
    assertEquals(200, json.getInt("status"));
    assertEquals(7, json.getJsonNumber("bytes_in").longValue());
    assertEquals(512, json.getJsonNumber("bytes_out").longValue());
    assertEquals(1, json.getInt("worker"));
    assertEquals(3, json.getJsonNumber("upstream_ms").longValue());
    assertEquals(4, json.getJsonNumber("total_ms").longValue());
    assertEquals(1, json.getInt("retries"));
    assertEquals("HTTP/1.1", json.getString("protocol"));
    assertEquals("TLSv1.3", json.getString("tls"));
  }

  @Test
  void r2_whatDidNotHappenIsNull() {
    JsonObject json =
        parse(
            cut.line(
                new AccessLog.Entry(
                    0, null, "::1", "GET", "/", 502, 0, 0, null, -1, -1, 2, 0, "HTTP/2.0", null)));

    for (String name : Set.of("request_id", "app", "worker", "upstream_ms", "tls")) {
      assertEquals(JsonValue.NULL, json.get(name), name);
    }
    assertEquals("HTTP/2.0", json.getString("protocol"));
  }

  @Test
  void r2_quotesBackslashesAndControlCharactersInAPathAreEscaped() {
    String path = "/a\"b\\c\u0001d\te\nf\u007f\u00e9";
    String line =
        cut.line(
            new AccessLog.Entry(
                0, "id", "::1", "GET", path, 200, 0, 0, "default", 0, 0, 0, 0, "HTTP/1.1", null));

    assertFalse(line.contains("\n"), "a line break in the path never ends the line: " + line);
    assertFalse(line.contains("\t") || line.contains("\u0001"), line);
    assertTrue(line.contains("\\\"") && line.contains("\\\\"), line);
    assertEquals(path, parse(line).getString("path"), "and it reads back as it was");
  }
}

package dev.fleetgate.proxy.accesslog;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.util.Map;

/**
 * One JSON object per line (R2), as nginx's {@code log_format ... escape=json} makes them, written
 * by JSON-P, which escapes quotes, backslashes and control characters. A value that does not exist
 * is {@code null}. Only the server loads this class: {@code fleetgate check} runs without JSON-P.
 */
final class JsonFormat implements LineFormat {
  /** Looked up once: {@code Json.createGenerator} would look the provider up on every call. */
  private final JsonGeneratorFactory factory = Json.createGeneratorFactory(Map.of());

  @Override
  public String line(AccessLog.Entry e) {
    StringWriter out = new StringWriter(384);
    try (JsonGenerator json = factory.createGenerator(out)) {
      json.writeStartObject().write("time", e.time());
      text(json, "request_id", e.requestId());
      text(json, "client", e.client());
      text(json, "method", e.method());
      text(json, "path", e.path());
      json.write("status", e.status())
          .write("bytes_in", e.bytesIn())
          .write("bytes_out", e.bytesOut());
      text(json, "app", e.app());
      number(json, "worker", e.worker());
      number(json, "upstream_ms", e.upstreamMillis());
      json.write("total_ms", e.totalMillis()).write("retries", e.retries());
      text(json, "protocol", e.protocol());
      text(json, "tls", e.tls());
      json.writeEnd();
    }
    return out.toString();
  }

  private static void text(JsonGenerator json, String name, String value) {
    if (value == null) {
      json.writeNull(name);
    } else {
      json.write(name, value);
    }
  }

  private static void number(JsonGenerator json, String name, long value) {
    if (value < 0) {
      json.writeNull(name);
    } else {
      json.write(name, value);
    }
  }
}

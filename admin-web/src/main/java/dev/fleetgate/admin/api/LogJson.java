package dev.fleetgate.admin.api;

import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.LogLine;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * Output lines as the API writes them (R4): one object per line, {@code {"worker": 0, "number": 17,
 * "at": "2026-12-02T15:04:05.123Z", "stream": "out", "text": "listening on 3000"}}; {@code stream}
 * is {@code out} or {@code err}, as in the log files.
 */
final class LogJson {

  private LogJson() {}

  static JsonObject line(LogEntry entry) {
    return Json.createObjectBuilder()
        .add("worker", entry.workerId())
        .add("number", entry.number())
        .add("at", entry.line().at().toString())
        .add("stream", entry.line().stream() == LogLine.Stream.STDERR ? "err" : "out")
        .add("text", entry.line().text())
        .build();
  }

  /** {@code {"lines": [...]}}, oldest first. */
  static JsonObject lines(List<LogEntry> entries) {
    JsonArrayBuilder lines = Json.createArrayBuilder();
    entries.forEach(entry -> lines.add(line(entry)));
    return Json.createObjectBuilder().add("lines", lines).build();
  }

  /** The data of the {@code gone} event: the followed worker no longer exists. */
  static JsonObject gone(int workerId) {
    return Json.createObjectBuilder()
        .add("worker", workerId)
        .add("message", "worker " + workerId + " is gone (scaled down or replaced)")
        .build();
  }
}

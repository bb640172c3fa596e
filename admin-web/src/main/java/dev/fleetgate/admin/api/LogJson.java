package dev.fleetgate.admin.api;

import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.LogLine;
import dev.fleetgate.supervisor.entity.WorkerName;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * Output lines as the API writes them (R4): one object per line, {@code {"worker": 0, "app": "api",
 * "name": "api/0", "number": 17, "at": "2026-12-02T15:04:05.123Z", "stream": "out", "text":
 * "listening on 3000"}}; {@code worker} is the id within the app, {@code name} as {@link
 * WorkerName} writes it; {@code stream} is {@code out} or {@code err}, as in the log files.
 */
final class LogJson {

  private LogJson() {}

  static JsonObject line(LogCursor.Line line) {
    LogEntry entry = line.entry();
    return Json.createObjectBuilder()
        .add("worker", entry.workerId())
        .add("app", line.app())
        .add("name", line.worker().toString())
        .add("number", entry.number())
        .add("at", entry.line().at().toString())
        .add("stream", entry.line().stream() == LogLine.Stream.STDERR ? "err" : "out")
        .add("text", entry.line().text())
        .build();
  }

  /** {@code {"lines": [...]}}, oldest first. */
  static JsonObject lines(List<LogCursor.Line> lines) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    lines.forEach(line -> array.add(line(line)));
    return Json.createObjectBuilder().add("lines", array).build();
  }

  /** The data of the {@code gone} event: the followed worker no longer exists. */
  static JsonObject gone(WorkerName worker) {
    return Json.createObjectBuilder()
        .add("worker", worker.id())
        .add("app", worker.app())
        .add("name", worker.toString())
        .add("message", "worker " + worker + " is gone (scaled down or replaced)")
        .build();
  }
}

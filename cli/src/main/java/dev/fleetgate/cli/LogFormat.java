package dev.fleetgate.cli;

import java.util.Map;

/**
 * A worker's output line for people, as {@code pm2 logs} prints it: the worker's name and the
 * stream, then the text: {@code 0|out | listening on 3000}, {@code api/1|err | boom}.
 */
final class LogFormat {

  private LogFormat() {}

  static String line(Map<String, Object> line) {
    Object stream = line.get("stream");
    Object name = line.get("name") != null ? line.get("name") : line.get("worker");
    return StatusTable.text(name)
        + "|"
        + ("err".equals(stream) ? "err" : "out")
        + " | "
        + StatusTable.text(line.get("text"));
  }
}

package dev.fleetgate.cli;

import java.util.Map;

/**
 * A worker's output line for people, as {@code pm2 logs} prints it: the worker id and the stream,
 * then the text: {@code 0|out | listening on 3000}, {@code 1|err | boom}.
 */
final class LogFormat {

  private LogFormat() {}

  static String line(Map<String, Object> line) {
    Object stream = line.get("stream");
    return StatusTable.text(line.get("worker"))
        + "|"
        + ("err".equals(stream) ? "err" : "out")
        + " | "
        + StatusTable.text(line.get("text"));
  }
}

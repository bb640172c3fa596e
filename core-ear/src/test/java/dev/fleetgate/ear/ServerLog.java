package dev.fleetgate.ear;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Payara Server's server.log, read for what went wrong: its WARNING and SEVERE records. */
final class ServerLog {
  /** A record's header: {@code [time] [product] [LEVEL] [message id] [logger] ...}. */
  private static final Pattern HEADER =
      Pattern.compile(
          "^\\[([^]]*)\\] \\[[^]]*\\] \\[(WARNING|SEVERE)\\] \\[[^]]*\\] \\[([^]]*)\\]");

  private ServerLog() {}

  /** One line per WARNING or SEVERE record: time, level, logger and the message's first line. */
  static List<String> problems(Path log) {
    List<String> problems = new ArrayList<>();
    if (!Files.exists(log)) {
      return problems;
    }
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = HEADER.matcher(lines.get(i));
        if (m.find()) {
          String message = i + 1 < lines.size() ? lines.get(i + 1).trim() : "";
          problems.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + ": " + message);
        }
      }
    } catch (IOException e) {
      problems.add("cannot read " + log + ": " + e);
    }
    return problems;
  }
}

package dev.fleetgate.supervisor.cluster;

import dev.fleetgate.supervisor.boundary.OperationFailedException;
import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.WorkerName;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The owning node's side of a request from another node (R3.2): carries out an operation on its own
 * supervisor and writes its own audit line, or reads a worker's log; the reply says how it ended.
 * Runs on the cluster's own threads, never on the grid's.
 */
final class NodeRequests {
  static final Logger AUDIT = Logger.getLogger("fleetgate.audit");

  /** A log reply holds at most this many lines and characters: the grid is no file transfer. */
  static final int MAX_LOG_LINES = 1000;

  static final int MAX_LOG_CHARS = 256 * 1024;

  private final Supervisor supervisor;
  private final String localNode;

  NodeRequests(Supervisor supervisor, String localNode) {
    this.supervisor = supervisor;
    this.localNode = localNode;
  }

  /** The reply's body for {@code request}: always one, so the asking node never waits in vain. */
  JsonObject answer(JsonObject request) {
    try {
      JsonObject body = request.getJsonObject("body");
      String from = request.getString("from");
      return switch (body.getString("action")) {
        case "operation" -> operate(from, body);
        case "log" -> log(body);
        default -> failure(OperationFailedException.Kind.INVALID_ARGUMENT, "unknown action");
      };
    } catch (RuntimeException e) {
      // The supervisor's queries throw NoSuchElementException, which the container wraps.
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      return cause instanceof NoSuchElementException
          ? failure(OperationFailedException.Kind.NO_SUCH_WORKER, cause.getMessage())
          : failure(OperationFailedException.Kind.FAILED, cause.toString());
    }
  }

  private JsonObject operate(String from, JsonObject body) {
    NodeCommand command = NodeCommand.valueOf(body.getString("command"));
    String app = body.getString("app");
    int argument = body.getInt("argument");
    String line = "user=" + body.getString("user") + " " + auditWhat(command, app, argument);
    String where = " node=" + localNode + " from-node=" + from;
    try {
      command.apply(supervisor, app, argument);
      AUDIT.log(Level.INFO, "{0}", oneLine(line + " result=ok" + where));
      return Json.createObjectBuilder().add("ok", true).build();
    } catch (OperationFailedException e) {
      AUDIT.log(Level.WARNING, "{0}", oneLine(line + " result=error: " + e.getMessage() + where));
      return failure(e.kind(), e.getMessage());
    } catch (RuntimeException e) {
      AUDIT.log(Level.WARNING, "{0}", oneLine(line + " result=error: " + e + where));
      return failure(OperationFailedException.Kind.FAILED, e.toString());
    }
  }

  /** As the console's audit line names it: {@code action=restart worker=api/0}. */
  static String auditWhat(NodeCommand command, String app, int argument) {
    String name = command.name().toLowerCase(Locale.ROOT).replace('_', '-');
    String all = WorkerName.DEFAULT_APP.equals(app) ? "all" : app + "/all";
    return switch (command) {
      case SCALE -> "action=" + name + "(" + argument + ") worker=" + all;
      case ROLLING_RESTART -> "action=" + name + " worker=" + all;
      default -> "action=" + name + " worker=" + WorkerName.of(app, argument);
    };
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\p{Cntrl}", "?");
  }

  private JsonObject log(JsonObject body) {
    List<LogEntry> entries;
    try {
      entries =
          supervisor.logAfter(
              body.getString("app"),
              body.getInt("worker"),
              body.getJsonNumber("after").longValue());
    } catch (NoSuchElementException e) {
      return failure(OperationFailedException.Kind.NO_SUCH_WORKER, e.getMessage());
    }
    // The newest lines that fit.
    JsonArrayBuilder lines = Json.createArrayBuilder();
    int chars = 0;
    int first = entries.size();
    while (first > 0
        && entries.size() - first < MAX_LOG_LINES
        && chars + entries.get(first - 1).line().text().length() <= MAX_LOG_CHARS) {
      first--;
      chars += entries.get(first).line().text().length();
    }
    for (LogEntry entry : entries.subList(first, entries.size())) {
      lines.add(
          Json.createObjectBuilder()
              .add("number", entry.number())
              .add("at", entry.line().at().toString())
              .add("stream", entry.line().stream().name())
              .add("text", entry.line().text()));
    }
    return Json.createObjectBuilder().add("ok", true).add("lines", lines).build();
  }

  static JsonObject failure(OperationFailedException.Kind kind, String message) {
    return Json.createObjectBuilder()
        .add("ok", false)
        .add("kind", kind.name())
        .add("message", message == null ? kind.name() : message)
        .build();
  }
}

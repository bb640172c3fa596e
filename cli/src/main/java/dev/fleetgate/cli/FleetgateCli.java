package dev.fleetgate.cli;

import dev.fleetgate.cli.ApiClient.Answer;
import dev.fleetgate.cli.Invocation.Command;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./fleetgate status|restart|stop|start|drain|scale|rolling-restart|reload|logs}: the
 * command line of a running Fleetgate and its apps ({@code scale api 4}, {@code restart api/0}), a
 * client of its API under {@code /admin/api} (README, "Command line"). The launcher starts it as
 * {@code java -Dfleetgate.home=<installation> -jar fleetgate-cli.jar}; {@code
 * <installation>/conf/fleetgate.properties} may hold the API token.
 *
 * <p>Output is UTF-8 whatever the locale: JSON for scripts ({@code --json}, exactly what the API
 * answered) or text for people. Exit codes: {@link Exit}.
 */
public final class FleetgateCli {

  private final ApiClient api;
  private final PrintStream out;
  private final PrintStream err;

  FleetgateCli(ApiClient api, PrintStream out, PrintStream err) {
    this.api = api;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    Path home = Path.of(System.getProperty("fleetgate.home", "."));
    int code =
        run(List.of(args), System.getenv(), home.resolve("conf/fleetgate.properties"), out, err);
    out.flush();
    System.exit(code);
  }

  /** Runs one command line; returns its exit code. */
  static int run(
      List<String> args,
      Map<String, String> env,
      Path configFile,
      PrintStream out,
      PrintStream err) {
    try {
      Invocation invocation = Invocation.parse(args, env, configFile);
      if (invocation.command() == Command.HELP) {
        out.print(Invocation.USAGE);
        return Exit.OK.code;
      }
      ApiClient api = new ApiClient(invocation.server(), invocation.token());
      return new FleetgateCli(api, out, err).execute(invocation).code;
    } catch (CliFailure failure) {
      err.println("fleetgate: " + failure.getMessage());
      if (failure.exit == Exit.USAGE) {
        err.println("The commands: ./fleetgate help");
      }
      return failure.exit.code;
    }
  }

  Exit execute(Invocation invocation) throws CliFailure {
    Command command = invocation.command();
    String app = appPrefix(invocation);
    return switch (command) {
      case STATUS ->
          invocation.cluster()
              ? clusterStatus(invocation.json())
              : status(app + "status", invocation.json());
      case RESTART, STOP, START, DRAIN ->
          report(
              api.post(app + "workers/" + invocation.worker().getAsInt() + "/" + command.word, ""),
              invocation.json());
      case SCALE ->
          report(
              api.post(app + "scale", ApiClient.scaleBody(invocation.count())), invocation.json());
      case ROLLING_RESTART -> report(api.post(app + "rolling-restart", ""), invocation.json());
      case RELOAD -> report(api.post("reload", ""), invocation.json());
      case LOGS -> invocation.follow() ? follow(invocation) : logs(invocation);
      case HELP -> Exit.OK;
    };
  }

  /**
   * Where the API's URLs of the app named on the command line are: {@code apps/api/}; without an
   * app, the URLs of the default app (or of every app), which are the same without that prefix.
   * Before that, the node's or the cluster's: {@code nodes/web-2/apps/api/}, {@code
   * cluster/apps/api/}.
   */
  private static String appPrefix(Invocation invocation) {
    String scope =
        invocation.cluster()
            ? "cluster/"
            : invocation.node().map(node -> "nodes/" + node + "/").orElse("");
    return scope + invocation.app().map(app -> "apps/" + app + "/").orElse("");
  }

  /** {@code status --cluster}: every node's workers in one table ({@link ClusterTable}). */
  private Exit clusterStatus(boolean json) throws CliFailure {
    Answer answer = api.get("cluster");
    if (!answer.ok()) {
      throw new CliFailure(Exit.FAILED, answer.message());
    }
    out.println(json ? answer.body() : ClusterTable.format(document(answer)).stripTrailing());
    return Exit.OK;
  }

  private Exit status(String path, boolean json) throws CliFailure {
    Answer answer = api.get(path);
    if (!answer.ok()) {
      throw new CliFailure(Exit.FAILED, answer.message());
    }
    out.println(json ? answer.body() : StatusTable.format(document(answer)).stripTrailing());
    return Exit.OK;
  }

  /** An operation's answer: its message on stdout, or why it failed on stderr. */
  private Exit report(Answer answer, boolean json) {
    if (json) {
      out.println(answer.body());
    } else if (answer.ok()) {
      out.println(answer.message());
    } else {
      err.println("fleetgate: " + answer.message());
    }
    return answer.ok() ? Exit.OK : Exit.FAILED;
  }

  private Exit logs(Invocation invocation) throws CliFailure {
    Answer answer = api.get(logsPath(invocation));
    if (!answer.ok()) {
      throw new CliFailure(Exit.FAILED, answer.message());
    }
    if (invocation.json()) {
      out.println(answer.body());
    } else {
      for (Object line : lines(document(answer))) {
        out.println(LogFormat.line(map(line)));
      }
    }
    return Exit.OK;
  }

  /** Prints the events of the API's stream as they come, until the worker is gone. */
  private Exit follow(Invocation invocation) throws CliFailure {
    try (Stream<String> stream = api.events(logsPath(invocation))) {
      Iterator<String> lines = stream.iterator();
      String event = "message";
      StringBuilder data = new StringBuilder();
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.isEmpty()) {
          if (data.length() > 0 && dispatch(event, data.toString(), invocation.json())) {
            return Exit.OK;
          }
          event = "message";
          data.setLength(0);
        } else if (!line.startsWith(":")) {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          value = value.startsWith(" ") ? value.substring(1) : value;
          if (field.equals("event")) {
            event = value;
          } else if (field.equals("data")) {
            data.append(data.length() > 0 ? "\n" : "").append(value);
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw api.unreachable(e.getCause());
    }
    throw new CliFailure(Exit.UNREACHABLE, "the server ended the log stream");
  }

  /** Prints one event; true when the stream is over. */
  private boolean dispatch(String event, String data, boolean json) throws CliFailure {
    if (event.equals("gone")) {
      Object message = parse(data).get("message");
      err.println("fleetgate: " + StatusTable.text(message));
      return true;
    }
    if (event.equals("line")) {
      out.println(json ? data : LogFormat.line(parse(data)));
      out.flush();
    }
    return false;
  }

  private static String logsPath(Invocation invocation) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("lines", Integer.toString(invocation.lines()));
    if (invocation.follow()) {
      query.put("follow", "true");
    }
    String path =
        invocation.worker().isPresent()
            ? "workers/" + invocation.worker().getAsInt() + "/logs"
            : "logs";
    return appPrefix(invocation) + path + ApiClient.query(query);
  }

  private Map<String, Object> document(Answer answer) throws CliFailure {
    return parse(answer.body());
  }

  private Map<String, Object> parse(String json) throws CliFailure {
    try {
      return Json.object(json);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(
          Exit.FAILED, "unexpected answer from " + api.server() + ": " + e.getMessage());
    }
  }

  private static List<?> lines(Map<String, Object> document) {
    return document.get("lines") instanceof List<?> list ? list : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}

package dev.fleetgate.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command line, read and checked before anything is sent: the command, its app, worker id or
 * count, the options, where the server is and the token to show it.
 *
 * @param command what to do
 * @param app the app named: {@code api} of {@code restart api/0}, {@code scale api 4}, {@code
 *     status api}, {@code logs api}; empty for the server's default app (or, for {@code status} and
 *     {@code logs} without a worker, every app)
 * @param worker the worker's id within its app, of {@code restart|stop|start|drain <worker>} and
 *     {@code logs <worker>}; empty for all workers
 * @param count the number of workers of {@code scale [<app>] <n>}
 * @param json print the API's JSON instead of text
 * @param follow {@code logs -f}: keep printing new lines
 * @param lines {@code logs -n}: how many of the last lines to print first
 * @param node {@code --node}: the node of the cluster whose workers the command acts on; empty for
 *     the server's own
 * @param cluster {@code --cluster}: {@code status} of every node, {@code rolling-restart} node
 *     after node
 * @param server the server's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param token the API token, if one was found
 */
record Invocation(
    Command command,
    Optional<String> app,
    OptionalInt worker,
    int count,
    boolean json,
    boolean follow,
    int lines,
    Optional<String> node,
    boolean cluster,
    URI server,
    Optional<String> token) {

  /** The configuration key the server reads its API token from; the CLI reads it too. */
  static final String TOKEN_KEY = "fleetgate.admin.api-token";

  /** An app's name, as the server allows it. */
  static final Pattern APP = Pattern.compile("[a-z][a-z0-9-]{0,30}");

  /** A worker: {@code api/0}, or {@code 0} in the default app. */
  static final Pattern WORKER = Pattern.compile("(?:([a-z][a-z0-9-]{0,30})/)?(\\d{1,9})");

  /**
   * A node's name in the cluster, as the server allows it ({@code fleetgate.cluster.node-name}).
   */
  static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

  /** Lines of output {@code logs} prints first, as {@code pm2 logs} does. */
  static final int DEFAULT_LINES = 15;

  static final String USAGE =
      """
      usage: ./fleetgate run | test | <command> [options]
      commands of a running server (README, "Command line"):
        status [<app>]                 every worker (of every app, or of one): state, pid, port,
                                       uptime, restarts, requests
        status --cluster               every node's workers, with a NODE column, and each node:
                                       LIVE or LOST since when, address, version
        restart | stop | start | drain <worker>
                                       one worker, api/0 (or 0: the default app's); returns once
                                       done
        scale [<app>] <n>              run n workers of the app (scale api 4), or of the default app
        rolling-restart [<app>]        replace every worker of the app, one at a time (pm2 reload)
        rolling-restart --cluster [<app>]
                                       the same on every live node of the cluster (every app, or
                                       one), one node after the other
        reload                         read the configuration again (nginx -s reload)
        logs [-f] [-n <lines>] [<worker> | <app>]
                                       the last lines of one worker, one app's or all (-f: and
                                       follow)
        help                           this text
      options:
        --json           print the API's JSON (logs -f: one JSON object per line)
        --node <name>    restart, stop, start, drain, scale, rolling-restart and logs act on that
                         node of the cluster (status --cluster names them); logs -f only on
                         the node that --url reaches
        --url <url>      the server; default $FLEETGATE_URL, else http://127.0.0.1:$FLEETGATE_HTTP_PORT
                         (8080)
        --token <token>  the API token; default $FLEETGATE_API_TOKEN, else fleetgate.admin.api-token
                         from conf/fleetgate.properties
      exit codes: 0 ok, 1 refused or failed, 2 usage, 3 server unreachable, 4 unauthorized
      """;

  /** The commands, by the word that names them. */
  enum Command {
    STATUS("status"),
    RESTART("restart"),
    STOP("stop"),
    START("start"),
    DRAIN("drain"),
    SCALE("scale"),
    ROLLING_RESTART("rolling-restart"),
    RELOAD("reload"),
    LOGS("logs"),
    HELP("help");

    final String word;

    Command(String word) {
      this.word = word;
    }

    boolean onOneWorker() {
      return this == RESTART || this == STOP || this == START || this == DRAIN;
    }

    /** The commands {@code --node} goes with: those that act on workers or read their output. */
    boolean onANode() {
      return onOneWorker() || this == SCALE || this == ROLLING_RESTART || this == LOGS;
    }

    static Optional<Command> named(String word) {
      for (Command command : values()) {
        if (command.word.equals(word)) {
          return Optional.of(command);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Reads a command line.
   *
   * @param env the environment: {@code FLEETGATE_URL}, {@code FLEETGATE_HTTP_PORT}, {@code
   *     FLEETGATE_API_TOKEN}
   * @param configFile {@code conf/fleetgate.properties} of the installation, read for the token
   *     when neither {@code --token} nor the environment gives one; it need not exist
   * @throws CliFailure with {@link Exit#USAGE}, saying what is wrong
   */
  static Invocation parse(List<String> args, Map<String, String> env, Path configFile)
      throws CliFailure {
    List<String> words = new ArrayList<>();
    boolean json = false;
    boolean follow = false;
    Integer lines = null;
    String url = null;
    String token = null;
    String node = null;
    boolean cluster = false;
    Iterator<String> arg = args.iterator();
    while (arg.hasNext()) {
      String word = arg.next();
      String option =
          word.contains("=") && word.startsWith("--") ? word.substring(0, word.indexOf('=')) : word;
      String inline = option.equals(word) ? null : word.substring(option.length() + 1);
      switch (option) {
        case "--json" -> json = true;
        case "-f", "--follow" -> follow = true;
        case "-n", "--lines" -> lines = whole(value(option, inline, arg), "the number of lines");
        case "--url" -> url = value(option, inline, arg);
        case "--token" -> token = value(option, inline, arg);
        case "--node" -> node = node(value(option, inline, arg));
        case "--cluster" -> cluster = true;
        case "-h", "--help" -> words.add(0, Command.HELP.word);
        default -> {
          if (word.startsWith("-") && !isNumber(word)) {
            throw usage("unknown option " + word);
          }
          words.add(word);
        }
      }
    }
    if (words.isEmpty()) {
      throw usage("no command");
    }
    Command command =
        Command.named(words.get(0)).orElseThrow(() -> usage("unknown command " + words.get(0)));
    List<String> operands = words.subList(1, words.size());
    Optional<String> app = Optional.empty();
    OptionalInt worker = OptionalInt.empty();
    int count = 0;
    if (command.onOneWorker()) {
      Matcher name = worker(single(command, operands, "worker id"));
      app = Optional.ofNullable(name.group(1));
      worker = OptionalInt.of(Integer.parseInt(name.group(2)));
    } else if (command == Command.SCALE) {
      if (operands.isEmpty()) {
        throw usage("scale needs number of workers");
      }
      if (operands.size() > 2) {
        throw usage(
            "scale takes an app and a number of workers, not " + String.join(" ", operands));
      }
      if (operands.size() == 2) {
        app = Optional.of(app(operands.get(0)));
      }
      count = whole(operands.get(operands.size() - 1), "the number of workers");
    } else if (command == Command.LOGS && !operands.isEmpty()) {
      String operand = single(command, operands, "worker or app");
      if (APP.matcher(operand).matches()) {
        app = Optional.of(operand);
      } else {
        Matcher name = worker(operand);
        app = Optional.ofNullable(name.group(1));
        worker = OptionalInt.of(Integer.parseInt(name.group(2)));
      }
    } else if ((command == Command.STATUS || command == Command.ROLLING_RESTART)
        && !operands.isEmpty()) {
      app = Optional.of(app(single(command, operands, "app")));
    } else if (!operands.isEmpty() && command != Command.HELP) {
      throw usage(command.word + " takes no " + operands.get(0));
    }
    if (command != Command.LOGS && (follow || lines != null)) {
      throw usage((follow ? "-f" : "-n") + " goes with logs only");
    }
    if (command != Command.HELP) {
      checkCluster(command, app, node, cluster);
    }
    return new Invocation(
        command,
        app,
        worker,
        count,
        json,
        follow,
        lines == null ? DEFAULT_LINES : lines,
        Optional.ofNullable(node),
        cluster,
        server(url, env),
        token(token, env, configFile));
  }

  /** {@code --node} and {@code --cluster}: each with the commands it goes with, never both. */
  private static void checkCluster(
      Command command, Optional<String> app, String node, boolean cluster) throws CliFailure {
    if (node != null && cluster) {
      throw usage("--node and --cluster do not go together: --cluster is every node");
    }
    if (node != null && !command.onANode()) {
      throw usage(
          "--node goes with restart, stop, start, drain, scale, rolling-restart and logs"
              + (command == Command.STATUS ? "; status --cluster shows every node" : ""));
    }
    if (cluster && command != Command.STATUS && command != Command.ROLLING_RESTART) {
      throw usage("--cluster goes with status and rolling-restart only");
    }
    if (cluster && command == Command.STATUS && app.isPresent()) {
      throw usage("status --cluster shows every app of every node, not " + app.get());
    }
  }

  /** The server: {@code --url}, else {@code FLEETGATE_URL}, else loopback on the HTTP port. */
  static URI server(String option, Map<String, String> env) throws CliFailure {
    String url = option;
    if (url == null) {
      url = env.get("FLEETGATE_URL");
    }
    if (url == null || url.isBlank()) {
      String port = env.getOrDefault("FLEETGATE_HTTP_PORT", "");
      url = "http://127.0.0.1:" + (port.isBlank() ? "8080" : port.strip());
    }
    try {
      URI uri = new URI(url.strip().replaceAll("/+$", ""));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw usage("the server's URL must be http://host[:port] or https://…, not " + url);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw usage("the server's URL must be http://host[:port] or https://…, not " + url);
    }
  }

  /**
   * The token: {@code --token}, else {@code FLEETGATE_API_TOKEN}, else {@code
   * FLEETGATE_ADMIN_API_TOKEN} (the server's own variable), else the configuration file's {@value
   * #TOKEN_KEY}. Blank counts as none.
   */
  static Optional<String> token(String option, Map<String, String> env, Path configFile) {
    for (String candidate :
        new String[] {
          option, env.get("FLEETGATE_API_TOKEN"), env.get("FLEETGATE_ADMIN_API_TOKEN")
        }) {
      if (candidate != null && !candidate.isBlank()) {
        return Optional.of(candidate.strip());
      }
    }
    return fromFile(configFile);
  }

  private static Optional<String> fromFile(Path configFile) {
    if (configFile == null || !Files.isRegularFile(configFile)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // unreadable: as if unset; the server's 401 says what is missing
    }
    return Optional.ofNullable(properties.getProperty(TOKEN_KEY))
        .map(String::strip)
        .filter(t -> !t.isEmpty());
  }

  private static String value(String option, String inline, Iterator<String> arg)
      throws CliFailure {
    if (inline != null) {
      return inline;
    }
    if (!arg.hasNext()) {
      throw usage(option + " needs a value");
    }
    return arg.next();
  }

  private static String single(Command command, List<String> operands, String what)
      throws CliFailure {
    if (operands.isEmpty()) {
      throw usage(command.word + " needs " + what);
    }
    if (operands.size() > 1) {
      throw usage(command.word + " takes one " + what + ", not " + String.join(" ", operands));
    }
    return operands.get(0);
  }

  /** An app's name: a lower-case letter, then letters, digits or dashes (the server's rule). */
  private static String app(String text) throws CliFailure {
    if (!APP.matcher(text).matches()) {
      throw usage(
          "an app's name is a lower-case letter, then letters, digits or dashes, not " + text);
    }
    return text;
  }

  /** A node's name: letters, digits, '.', '_', ':' and '-' (the server's rule). */
  private static String node(String text) throws CliFailure {
    if (!NODE.matcher(text).matches()) {
      throw usage(
          "a node's name is a letter or digit, then letters, digits, '.', '_', ':' or '-', not "
              + text);
    }
    return text;
  }

  /**
   * A worker's name, matched: group 1 its app (null for a bare {@code 0}, the default app's
   * worker), group 2 its id.
   */
  private static Matcher worker(String text) throws CliFailure {
    Matcher name = WORKER.matcher(text);
    if (!name.matches()) {
      throw usage("a worker is its id (0) or app/id (api/0), not " + text);
    }
    return name;
  }

  private static int whole(String text, String what) throws CliFailure {
    if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw usage(what + " must be a whole number, not " + text);
    }
    return Integer.parseInt(text);
  }

  private static boolean isNumber(String word) {
    return word.length() > 1 && word.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static CliFailure usage(String message) {
    return new CliFailure(Exit.USAGE, message);
  }
}

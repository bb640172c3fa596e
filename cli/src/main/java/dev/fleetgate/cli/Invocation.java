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

/**
 * One command line, read and checked before anything is sent: the command, its worker id or count,
 * the options, where the server is and the token to show it.
 *
 * @param command what to do
 * @param worker the worker of {@code restart|stop|start|drain <id>} and {@code logs <id>}; empty
 *     for all workers
 * @param count the number of workers of {@code scale <n>}
 * @param json print the API's JSON instead of text
 * @param follow {@code logs -f}: keep printing new lines
 * @param lines {@code logs -n}: how many of the last lines to print first
 * @param server the server's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param token the API token, if one was found
 */
record Invocation(
    Command command,
    OptionalInt worker,
    int count,
    boolean json,
    boolean follow,
    int lines,
    URI server,
    Optional<String> token) {

  /** The configuration key the server reads its API token from; the CLI reads it too. */
  static final String TOKEN_KEY = "fleetgate.admin.api-token";

  /** Lines of output {@code logs} prints first, as {@code pm2 logs} does. */
  static final int DEFAULT_LINES = 15;

  static final String USAGE =
      """
      usage: ./fleetgate run | test | <command> [options]
      commands of a running server (README, "Command line"):
        status                         every worker: state, pid, port, uptime, restarts, requests
        restart | stop | start | drain <id>
                                       one worker; returns once done
        scale <n>                      run n workers
        rolling-restart                replace every worker, one at a time (pm2 reload)
        reload                         read the configuration again (nginx -s reload)
        logs [-f] [-n <lines>] [<id>]  the last lines of one worker or of all (-f: and follow)
        help                           this text
      options:
        --json           print the API's JSON (logs -f: one JSON object per line)
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
    OptionalInt worker = OptionalInt.empty();
    int count = 0;
    if (command.onOneWorker()) {
      worker = OptionalInt.of(whole(single(command, operands, "worker id"), "a worker id"));
    } else if (command == Command.SCALE) {
      count = whole(single(command, operands, "number of workers"), "the number of workers");
    } else if (command == Command.LOGS && !operands.isEmpty()) {
      worker = OptionalInt.of(whole(single(command, operands, "worker id"), "a worker id"));
    } else if (!operands.isEmpty() && command != Command.HELP) {
      throw usage(command.word + " takes no " + operands.get(0));
    }
    if (command != Command.LOGS && (follow || lines != null)) {
      throw usage((follow ? "-f" : "-n") + " goes with logs only");
    }
    return new Invocation(
        command,
        worker,
        count,
        json,
        follow,
        lines == null ? DEFAULT_LINES : lines,
        server(url, env),
        token(token, env, configFile));
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

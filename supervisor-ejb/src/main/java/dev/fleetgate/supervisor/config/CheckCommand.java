package dev.fleetgate.supervisor.config;

import dev.fleetgate.supervisor.cluster.ClusterOptions;
import dev.fleetgate.supervisor.cluster.ClusterSettings;
import dev.fleetgate.supervisor.entity.WorkerName;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code ./fleetgate check} (R5), as {@code nginx -t}: checks the configuration the server would
 * start with — the same sources in the same order, the same rules — without starting it, on a plain
 * JDK. Prints one line and exits 0 when it is good; prints every problem and exits 1 when it is
 * not. Run from {@code fleetgate-check.jar} (built by {@code micro-war}), which holds the
 * supervisor's, the proxy's and the console's classes, and no container.
 */
public final class CheckCommand {

  /** The launcher's variable for the HTTP port, checked here since no key holds it. */
  static final String PORT_VARIABLE = "FLEETGATE_HTTP_PORT";

  private CheckCommand() {}

  /**
   * {@code --listeners FILE}: on success, also write the pre-boot commands that open the TLS
   * listener when {@code fleetgate.tls.port} is set, which the launcher appends to the server's,
   * and into {@code FILE.options} Payara Micro's data grid options and their JVM options, one a
   * line ({@link ClusterOptions}: {@code --nohazelcast} without a cluster).
   */
  public static void main(String[] args) {
    Properties system = System.getProperties();
    Map<String, String> systemProperties = new HashMap<>();
    system.stringPropertyNames().forEach(n -> systemProperties.put(n, system.getProperty(n)));
    ClassLoader loader = CheckCommand.class.getClassLoader();
    List<ConfigRules> rules;
    Map<String, String> defaults;
    try {
      rules = ConfigCheck.rules(loader, true);
      defaults = ConfigCheck.shippedDefaults(loader);
    } catch (IllegalStateException e) {
      System.err.println("fleetgate: cannot check the configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path listeners = args.length == 2 && args[0].equals("--listeners") ? Path.of(args[1]) : null;
    int status =
        run(
            System.out,
            System.err,
            systemProperties,
            System.getenv(),
            Runtime.getRuntime().availableProcessors(),
            rules,
            defaults);
    if (status == 0 && listeners != null) {
      ConfigFile file = ConfigFile.locate(systemProperties::get, System::getenv);
      LayeredConfig view = new LayeredConfig(defaults, file, systemProperties, System.getenv());
      int tlsPort = new ConfigValues(view::value).integer("fleetgate.tls.port", 0, 65535);
      String host = System.getenv().getOrDefault("FLEETGATE_HTTP_HOST", "0.0.0.0");
      try {
        ClusterSettings cluster = ClusterSettings.read(new ConfigValues(view::value));
        List<String> commands = new ArrayList<>(ListenerCommands.tls(tlsPort, host));
        commands.addAll(ClusterOptions.preboot(cluster));
        Files.write(listeners, commands);
        List<String> options = new ArrayList<>(ClusterOptions.micro(cluster));
        options.addAll(ClusterOptions.jvm(cluster));
        Files.write(Path.of(listeners + ".options"), options);
      } catch (IOException e) {
        System.err.println("fleetgate: cannot write " + listeners + ": " + e);
        status = 2;
      }
    }
    System.exit(status);
  }

  /** Checks and prints; returns the exit status: 0 good, 1 problems. */
  static int run(
      PrintStream out,
      PrintStream err,
      Map<String, String> systemProperties,
      Map<String, String> environment,
      int cpus,
      List<ConfigRules> rules,
      Map<String, String> defaults) {
    ConfigFile file = ConfigFile.locate(systemProperties::get, environment::get);
    LayeredConfig view = new LayeredConfig(defaults, file, systemProperties, environment);
    List<ConfigProblem> problems =
        new ArrayList<>(ConfigCheck.problems(view, file, rules, defaults));
    String port = environment.getOrDefault(PORT_VARIABLE, "8080");
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      problems.add(
          new ConfigProblem(
              PORT_VARIABLE,
              "environment",
              "Invalid configuration "
                  + PORT_VARIABLE
                  + "='"
                  + port
                  + "' (environment): must be a port number, 1 to 65535"));
    }
    if (!problems.isEmpty()) {
      err.println("fleetgate: " + ConfigCheck.report(problems));
      return 1;
    }
    ConfigValues values = new ConfigValues(view::value);
    List<SupervisorConfig> apps = SupervisorConfig.readApps(values, cpus);
    String workers;
    if (apps.size() == 1 && apps.get(0).app().equals(WorkerName.DEFAULT_APP)) {
      int configured = values.integer("fleetgate.workers.count", 0, SupervisorConfig.MAX_WORKERS);
      workers = count(apps.get(0)) + (configured == 0 ? " (one per CPU)" : "");
    } else {
      workers =
          "apps "
              + apps.stream()
                  .map(app -> app.app() + " " + count(app))
                  .collect(java.util.stream.Collectors.joining(", "));
    }
    out.println(
        "fleetgate: configuration OK ("
            + file.path().map(CheckCommand::shown).orElse("no config file")
            + ", "
            + workers
            + ", "
            + values.required("fleetgate.proxy.balance")
            + ", port "
            + port
            + tlsPort(values)
            + cluster(values)
            + ")");
    return 0;
  }

  private static String count(SupervisorConfig app) {
    return app.count() + (app.count() == 1 ? " worker" : " workers");
  }

  private static String cluster(ConfigValues values) {
    ClusterSettings cluster = ClusterSettings.read(values);
    return cluster.enabled()
        ? ", cluster "
            + cluster.name()
            + " ("
            + cluster.discovery().name().toLowerCase(java.util.Locale.ROOT)
            + ")"
        : "";
  }

  private static String tlsPort(ConfigValues values) {
    int port = values.integer("fleetgate.tls.port", 0, 65535);
    return port == 0 ? "" : ", TLS port " + port;
  }

  /** The file's path, relative to the working directory (the launcher's) when it is below it. */
  private static String shown(Path file) {
    Path here = Path.of("").toAbsolutePath();
    return file.startsWith(here) ? here.relativize(file).toString() : file.toString();
  }
}

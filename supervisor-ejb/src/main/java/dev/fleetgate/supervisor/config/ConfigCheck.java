package dev.fleetgate.supervisor.config;

import dev.fleetgate.supervisor.cluster.ClusterSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The whole configuration checked at once (R4), the same way at start and by {@code fleetgate
 * check}: the config file can be read, every name is a known setting (R3), and every module's
 * {@link ConfigRules} accept their values. Every problem is reported, not only the first.
 */
public final class ConfigCheck {

  /**
   * Set by the launcher on Payara Micro: a start that fails ends the JVM with status 1. Never set
   * for a Payara Server domain, which runs other applications too.
   */
  public static final String STANDALONE = "fleetgate.standalone";

  /** Keys the launcher's JVM reads before any file: setting them in the file does nothing. */
  static final List<String> LAUNCHER_KEYS = List.of(ConfigFile.KEY, STANDALONE);

  /**
   * The proxy's and the console's rules, by name: the supervisor's module cannot name their
   * classes. In the EAR its class loader does not see them and they are skipped here; each WAR
   * still checks its own settings when it starts.
   */
  static final List<String> MODULE_RULES =
      List.of("dev.fleetgate.proxy.ProxyConfigRules", "dev.fleetgate.admin.ConsoleConfigRules");

  /** The supervisor's own rules: {@link SupervisorConfig} and the launcher's switch. */
  public static final ConfigRules SUPERVISOR =
      values -> {
        SupervisorConfig.readApps(values, 1);
        ClusterSettings.read(values);
        values.optional(STANDALONE).ifPresent(v -> flag(STANDALONE, v));
      };

  private ConfigCheck() {}

  /**
   * The supervisor's rules and those of every module {@code loader} can see.
   *
   * @param requireAll whether a module's rules missing from the class path is an error ({@code
   *     fleetgate check}, whose jar has them all) rather than expected (the EAR)
   */
  public static List<ConfigRules> rules(ClassLoader loader, boolean requireAll) {
    List<ConfigRules> rules = new ArrayList<>(List.of(SUPERVISOR));
    for (String name : MODULE_RULES) {
      try {
        rules.add(
            (ConfigRules) Class.forName(name, true, loader).getDeclaredConstructor().newInstance());
      } catch (ClassNotFoundException e) {
        if (requireAll) {
          throw new IllegalStateException(name + " is missing from the class path", e);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(name + " cannot be created", e);
      }
    }
    return List.copyOf(rules);
  }

  /** Every problem of the configuration {@code view} shows, in the order a reader fixes them. */
  public static List<ConfigProblem> problems(
      ConfigView view, ConfigFile file, List<ConfigRules> rules, Map<String, String> defaults) {
    List<ConfigProblem> problems = new ArrayList<>();
    file.problem().ifPresent(problems::add);
    for (String key : LAUNCHER_KEYS) {
      if (file.properties().containsKey(key)) {
        problems.add(
            new ConfigProblem(
                key,
                file.sourceName(),
                key
                    + " ("
                    + file.sourceName()
                    + ") is read before the file: set it as a system property or an environment"
                    + " variable"));
      }
    }
    view.propertyNames()
        .forEach((name, source) -> KnownKeys.unknownKey(name, source).ifPresent(problems::add));
    for (String name : new TreeSet<>(view.variableNames())) {
      if (name.startsWith(KnownKeys.VARIABLE_PREFIX)) {
        KnownKeys.unknownVariable(name).ifPresent(problems::add);
      }
    }
    problems.addAll(unlistedApps(view));
    problems.addAll(invalidValues(view, rules, defaults));
    return problems;
  }

  /** Keys of an app missing from {@code fleetgate.apps}: a typo there would go unnoticed. */
  static List<ConfigProblem> unlistedApps(ConfigView view) {
    List<String> apps;
    try {
      apps = Apps.names(new ConfigValues(view::value));
    } catch (InvalidConfigurationException e) {
      return List.of(); // reported with the values
    }
    List<ConfigProblem> problems = new ArrayList<>();
    view.propertyNames()
        .forEach(
            (name, source) ->
                Apps.appOf(name)
                    .filter(app -> !apps.contains(app))
                    .ifPresent(app -> problems.add(unlisted(name, source, app, apps))));
    for (String name : new TreeSet<>(view.variableNames())) {
      if (Apps.isAppVariable(name)
          && apps.stream()
              .noneMatch(
                  app -> name.startsWith(KnownKeys.environmentName(Apps.PREFIX + app + ".")))) {
        problems.add(unlisted(name, "environment", "?", apps));
      }
    }
    return problems;
  }

  private static ConfigProblem unlisted(String name, String source, String app, List<String> apps) {
    return new ConfigProblem(
        name,
        source,
        name
            + " ("
            + source
            + ") is for app "
            + app
            + ", which "
            + Apps.LIST
            + " does not list (apps: "
            + String.join(", ", apps)
            + ")");
  }

  /**
   * Runs each module's rules until they pass. Each problem is reported, then its key is set back to
   * its default and the rules run again: one bad value must not hide the next. Ends, as each round
   * either sets back a new key or stops.
   */
  static List<ConfigProblem> invalidValues(
      ConfigView view, List<ConfigRules> rules, Map<String, String> defaults) {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, Optional<String>> setBack = new HashMap<>();
    ConfigValues values =
        new ConfigValues(key -> setBack.containsKey(key) ? setBack.get(key) : view.value(key));
    for (ConfigRules rule : rules) {
      while (true) {
        try {
          rule.apply(values);
          break;
        } catch (InvalidConfigurationException e) {
          if (setBack.containsKey(e.key())) {
            // Its default fails too, with the other values: say so and leave this module.
            problems.add(ConfigProblem.invalid(e, "default, with the values above"));
            break;
          }
          problems.add(ConfigProblem.invalid(e, view.sourceOf(e.key())));
          setBack.put(e.key(), Optional.ofNullable(defaults.get(e.key())));
        } catch (RuntimeException | LinkageError e) {
          problems.add(
              new ConfigProblem(
                  rule.getClass().getName(),
                  "",
                  "the rules " + rule.getClass().getName() + " failed: " + e));
          break;
        }
      }
    }
    return problems;
  }

  /** "2 problems in the configuration:" and one indented line per problem. */
  public static String report(List<ConfigProblem> problems) {
    StringBuilder report =
        new StringBuilder()
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems")
            .append(" in the configuration:");
    problems.forEach(p -> report.append("\n  ").append(p.text()));
    return report.toString();
  }

  /**
   * The shipped defaults, {@code META-INF/microprofile-config.properties} of this module: the one
   * among those {@code loader} sees that has Fleetgate's keys (a container may have its own).
   */
  public static Map<String, String> shippedDefaults(ClassLoader loader) {
    try {
      for (URL url :
          Collections.list(loader.getResources("META-INF/microprofile-config.properties"))) {
        Properties defaults = new Properties();
        try (InputStream in = url.openStream()) {
          defaults.load(in);
        }
        if (defaults.containsKey("fleetgate.workers.count")) {
          Map<String, String> map = new HashMap<>();
          defaults.forEach((k, v) -> map.put((String) k, (String) v));
          return Map.copyOf(map);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Fleetgate's defaults cannot be read", e);
    }
    throw new IllegalStateException("Fleetgate's defaults are missing from the class path");
  }

  private static void flag(String key, String raw) {
    if (!raw.equals("true") && !raw.equals("false")) {
      throw new InvalidConfigurationException(key, raw, "must be true or false");
    }
  }
}

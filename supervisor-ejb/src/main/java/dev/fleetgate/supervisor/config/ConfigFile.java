package dev.fleetgate.supervisor.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The operator's configuration file (R1): a properties file (UTF-8) of {@code fleetgate.*} keys,
 * named by the system property {@value #KEY} or the environment variable {@value #VARIABLE}. The
 * launcher names {@code conf/fleetgate.properties} when it exists, or the file given with {@code
 * --config}. No file named: no file, the defaults apply. A file named that cannot be read is a
 * problem naming it; nothing is read from it then.
 *
 * @param path the file's absolute path; empty when none is named
 * @param namedBy what named it, e.g. "system property fleetgate.config"
 * @param properties its keys and values (empty when it could not be read)
 * @param problem why it could not be read
 */
public record ConfigFile(
    Optional<Path> path,
    String namedBy,
    Map<String, String> properties,
    Optional<ConfigProblem> problem) {

  /** The key that names the file (as a system property, or as {@value #VARIABLE}). */
  public static final String KEY = "fleetgate.config";

  public static final String VARIABLE = "FLEETGATE_CONFIG";

  /** How a source name starts that is this file: "config file /etc/fleetgate.properties". */
  public static final String SOURCE_PREFIX = "config file ";

  static final ConfigFile NONE = new ConfigFile(Optional.empty(), "", Map.of(), Optional.empty());

  public ConfigFile {
    properties = Map.copyOf(properties);
  }

  /**
   * The file named by the system property {@value #KEY}, else by the environment variable {@value
   * #VARIABLE}, read; {@link #NONE} when neither names one. A relative name is resolved against the
   * working directory.
   */
  public static ConfigFile locate(
      Function<String, String> systemProperty, Function<String, String> environment) {
    String named = systemProperty.apply(KEY);
    String namedBy = "system property " + KEY;
    if (named == null || named.isBlank()) {
      named = environment.apply(VARIABLE);
      namedBy = "environment " + VARIABLE;
    }
    if (named == null || named.isBlank()) {
      return NONE;
    }
    Path path;
    try {
      path = Path.of(named.strip()).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return failed(null, named, namedBy, "not a file name");
    }
    return read(path, namedBy);
  }

  static ConfigFile read(Path path, String namedBy) {
    Properties loaded = new Properties();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      loaded.load(in);
    } catch (NoSuchFileException e) {
      return failed(path, path.toString(), namedBy, "no such file");
    } catch (AccessDeniedException e) {
      return failed(path, path.toString(), namedBy, "cannot be read: permission denied");
    } catch (CharacterCodingException e) {
      return failed(path, path.toString(), namedBy, "cannot be read: not UTF-8 text");
    } catch (IOException e) {
      return failed(path, path.toString(), namedBy, "cannot be read: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return failed(path, path.toString(), namedBy, "not a properties file: " + e.getMessage());
    }
    Map<String, String> properties = new TreeMap<>();
    loaded.forEach((k, v) -> properties.put((String) k, (String) v));
    return new ConfigFile(Optional.of(path), namedBy, properties, Optional.empty());
  }

  /** The name of the MicroProfile Config source, and the "source" of its values everywhere. */
  public String sourceName() {
    return SOURCE_PREFIX + path.map(Path::toString).orElse("(none)");
  }

  private static ConfigFile failed(Path path, String named, String namedBy, String why) {
    return new ConfigFile(
        Optional.ofNullable(path),
        namedBy,
        Map.of(),
        Optional.of(
            new ConfigProblem(
                KEY, namedBy, "config file " + named + " (" + namedBy + "): " + why)));
  }
}

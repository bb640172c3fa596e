package dev.fleetgate.proxy.accesslog;

import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code fleetgate.proxy.access-log*} settings, checked (R5): by the proxy's start and reload
 * and by {@code fleetgate check}, on a plain JDK, so reading them touches neither JSON-P nor the
 * file, which only {@link AccessLog#open} opens.
 *
 * @param text the parsed template, null for JSON
 * @param file the access log's own file, empty for the server log
 */
public record AccessLogSettings(
    boolean enabled,
    boolean json,
    TextFormat text,
    Optional<Path> file,
    long maxSize,
    int maxFiles) {

  static final String FORMAT = "fleetgate.proxy.access-log-format";
  static final String FILE = "fleetgate.proxy.access-log-file";

  public static AccessLogSettings read(ConfigValues values) {
    String format = values.required(FORMAT);
    boolean json = format.equals("json");
    return new AccessLogSettings(
        values.bool("fleetgate.proxy.access-log"),
        json,
        json ? null : TextFormat.parse(FORMAT, format),
        values.optional(FILE).map(AccessLogSettings::file),
        values.size("fleetgate.proxy.access-log-max-size"),
        values.integer("fleetgate.proxy.access-log-max-files", 1, 1000));
  }

  /**
   * The file as an absolute path (relative ones are the server's working directory's), refused
   * unless it can be created: not a directory itself, and the nearest directory above it that
   * exists is writable (missing ones are created at start). Checking creates nothing.
   */
  static Path file(String raw) {
    Path path;
    try {
      path = Path.of(raw).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new InvalidConfigurationException(FILE, raw, "not a file path");
    }
    if (Files.isDirectory(path)) {
      throw new InvalidConfigurationException(FILE, raw, "a directory, not a file");
    }
    Path dir = path.getParent();
    while (dir != null && !Files.exists(dir)) {
      dir = dir.getParent();
    }
    if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new InvalidConfigurationException(
          FILE, raw, (dir == null ? "no directory" : dir + " is not a writable directory"));
    }
    Path current = Path.of(path + ".0");
    if (Files.exists(current) && !Files.isWritable(current)) {
      throw new InvalidConfigurationException(FILE, raw, current + " is not writable");
    }
    return path;
  }
}

package dev.fleetgate.supervisor.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values from a key lookup (MicroProfile Config in the server, a map in tests) and
 * turns every bad value into an {@link InvalidConfigurationException} naming the key.
 */
public final class ConfigValues {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgKMG]i?[bB]?|[bB])?");

  private final Function<String, Optional<String>> lookup;
  private final UnaryOperator<String> names;

  public ConfigValues(Function<String, Optional<String>> lookup) {
    this(lookup, UnaryOperator.identity());
  }

  /**
   * @param names the key a problem names for a key asked for: an app's view reads {@code
   *     fleetgate.workers.count} from {@code fleetgate.apps.api.count} when that is set ({@link
   *     Apps})
   */
  ConfigValues(Function<String, Optional<String>> lookup, UnaryOperator<String> names) {
    this.lookup = lookup;
    this.names = names;
  }

  /** The key that holds {@code key}'s value, for a problem to name. */
  public String nameOf(String key) {
    return names.apply(key);
  }

  /** The value as configured, not trimmed; empty when unset. */
  public Optional<String> raw(String key) {
    return lookup.apply(key);
  }

  public Optional<String> optional(String key) {
    return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
  }

  public String required(String key) {
    return optional(key)
        .orElseThrow(
            () -> new InvalidConfigurationException(nameOf(key), null, "a value is required"));
  }

  public int integer(String key, int min, int max) {
    String raw = required(key);
    try {
      int value = Integer.parseInt(raw);
      if (value < min || value > max) {
        throw new InvalidConfigurationException(
            nameOf(key), raw, "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(nameOf(key), raw, "not a whole number");
    }
  }

  /** {@code true} or {@code false}, nothing else. */
  public boolean bool(String key) {
    String raw = required(key);
    if (!raw.equals("true") && !raw.equals("false")) {
      throw new InvalidConfigurationException(nameOf(key), raw, "must be true or false");
    }
    return Boolean.parseBoolean(raw);
  }

  public double decimal(String key, double min, double max) {
    String raw = required(key);
    try {
      double value = Double.parseDouble(raw);
      if (!(value >= min && value <= max)) {
        throw new InvalidConfigurationException(
            nameOf(key), raw, "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(nameOf(key), raw, "not a number");
    }
  }

  /** A duration as {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT10S}. */
  public Duration duration(String key, Duration min) {
    String raw = required(key);
    Duration value = parseDuration(nameOf(key), raw);
    if (value.compareTo(min) < 0) {
      throw new InvalidConfigurationException(
          nameOf(key), raw, "must be at least " + min.toMillis() + "ms");
    }
    return value;
  }

  /** A size in bytes: {@code 0}, {@code 512K}, {@code 10M}, {@code 1G} (binary units). */
  public long size(String key) {
    String raw = required(key);
    Matcher m = SIZE.matcher(raw);
    if (!m.matches()) {
      throw new InvalidConfigurationException(
          nameOf(key), raw, "not a size such as 512K, 10M or 1G");
    }
    String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
    int shift =
        unit.startsWith("K") ? 10 : unit.startsWith("M") ? 20 : unit.startsWith("G") ? 30 : 0;
    long number;
    try {
      number = Long.parseLong(m.group(1));
    } catch (NumberFormatException moreDigitsThanALongHolds) {
      number = -1;
    }
    if (number < 0 || number > Long.MAX_VALUE >> shift) {
      throw new InvalidConfigurationException(nameOf(key), raw, "too large");
    }
    return number << shift;
  }

  static Duration parseDuration(String key, String raw) {
    Matcher m = DURATION.matcher(raw.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      double number = Double.parseDouble(m.group(1));
      long unitMillis =
          switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
          };
      return Duration.ofMillis(Math.round(number * unitMillis));
    }
    try {
      return Duration.parse(raw);
    } catch (DateTimeParseException e) {
      throw new InvalidConfigurationException(
          key, raw, "not a duration such as 500ms, 10s, 2m or PT10S");
    }
  }
}

package dev.fleetgate.sample;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A request's query parameters, decoded; when a name repeats, its first value counts. */
final class Query {

  private final Map<String, String> values;

  private Query(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses a raw (still percent-encoded) query string.
   *
   * @param rawQuery the query, or {@code null} when the request has none
   * @throws BadRequest when the query is not valid percent-encoding
   */
  static Query parse(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (!pair.isEmpty()) {
          int eq = pair.indexOf('=');
          String name = eq < 0 ? pair : pair.substring(0, eq);
          String value = eq < 0 ? "" : pair.substring(eq + 1);
          values.putIfAbsent(decode(name), decode(value));
        }
      }
    }
    return new Query(values);
  }

  /** The text named {@code name}, or {@code fallback} when absent or empty. */
  String text(String name, String fallback) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  /**
   * The whole number named {@code name}, or {@code fallback} when absent.
   *
   * @throws BadRequest when the value is not a whole number from {@code min} to {@code max}
   */
  long number(String name, long fallback, long min, long max) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      long number = Long.parseLong(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, with the value
    }
    throw new BadRequest(
        "query parameter '"
            + name
            + "' must be a whole number from "
            + min
            + " to "
            + max
            + ", got '"
            + value
            + "'");
  }

  /** Whether {@code name} is {@code true}, ignoring case. */
  boolean flag(String name) {
    return "true".equalsIgnoreCase(values.get(name));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      throw new BadRequest("query is not valid percent-encoding: " + badEscape.getMessage());
    }
  }
}

package dev.fleetgate.supervisor.config;

import java.util.Locale;

/**
 * Where a value came from, in words (console R12, and every configuration problem): "default" (the
 * {@code microprofile-config.properties} that ships with Fleetgate), "system property",
 * "environment", the config file by its path, or another source's own name.
 */
public final class SourceLabel {
  private SourceLabel() {}

  public static String of(String sourceName, int ordinal) {
    String name = sourceName == null ? "" : sourceName;
    if (name.startsWith(ConfigFile.SOURCE_PREFIX)) {
      return name; // first: the file's path may contain any of the words below
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("systemproperty") || lower.contains("system")) {
      return "system property";
    }
    if (lower.equals("environment") || lower.startsWith("env")) {
      return "environment";
    }
    if (lower.equals("properties") || lower.contains("microprofile-config.properties")) {
      return "default";
    }
    return name.isEmpty() ? "ordinal " + ordinal : name + " (ordinal " + ordinal + ")";
  }
}

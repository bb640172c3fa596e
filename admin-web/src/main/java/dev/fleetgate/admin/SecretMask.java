package dev.fleetgate.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hides values that look secret wherever the console shows configuration or environment (R10):
 * those whose name contains password, secret, token, key, hash or credential, in any case.
 */
final class SecretMask {

  /** What a hidden value reads as. */
  static final String MASK = "••••••";

  private static final Pattern SECRET_NAME =
      Pattern.compile("password|passwd|secret|token|key|hash|credential", Pattern.CASE_INSENSITIVE);

  /** The configuration key whose value is a list of more environment variables. */
  static final String WORKERS_ENV_KEY = "fleetgate.workers.env";

  private SecretMask() {}

  static boolean looksSecret(String name) {
    return name != null && SECRET_NAME.matcher(name).find();
  }

  /** {@code value}, or {@link #MASK} when {@code name} looks secret; null reads as "". */
  static String value(String name, String value) {
    if (value == null) {
      return "";
    }
    return looksSecret(name) ? MASK : value;
  }

  /**
   * A configuration value as the console shows it: masked when its key looks secret; for {@value
   * #WORKERS_ENV_KEY} ({@code NAME=value,NAME2=value2}, {@code \,} for a comma in a value) each
   * entry is masked by its own name.
   */
  static String configValue(String key, String value) {
    if (value == null) {
      return "";
    }
    if (WORKERS_ENV_KEY.equals(key.toLowerCase(Locale.ROOT))) {
      return environmentList(value);
    }
    return value(key, value);
  }

  private static String environmentList(String list) {
    List<String> shown = new ArrayList<>();
    for (String entry : splitOnUnescapedCommas(list)) {
      int eq = entry.indexOf('=');
      String name = eq < 0 ? entry : entry.substring(0, eq);
      shown.add(eq >= 0 && looksSecret(name) ? name + "=" + MASK : entry);
    }
    return String.join(",", shown);
  }

  private static List<String> splitOnUnescapedCommas(String list) {
    List<String> entries = new ArrayList<>();
    StringBuilder entry = new StringBuilder();
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '\\' && i + 1 < list.length()) {
        entry.append(c).append(list.charAt(++i));
      } else if (c == ',') {
        entries.add(entry.toString());
        entry.setLength(0);
      } else {
        entry.append(c);
      }
    }
    entries.add(entry.toString());
    return entries;
  }
}

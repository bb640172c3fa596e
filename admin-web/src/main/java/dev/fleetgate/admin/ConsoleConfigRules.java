package dev.fleetgate.admin;

import dev.fleetgate.admin.security.AdminCredentials;
import dev.fleetgate.admin.security.ViewerCredentials;
import dev.fleetgate.supervisor.config.ConfigRules;
import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.util.List;

/**
 * The console's rules for its settings (R16): the administrator and the viewer as {@code
 * ConsoleIdentityStore} resolves them, and the {@code Server} header. Found by name by {@code
 * ConfigCheck}; touches no servlet or security type, so that {@code fleetgate check} runs on a
 * plain JDK.
 */
public final class ConsoleConfigRules implements ConfigRules {

  /** Keys whose values a problem must not print. */
  private static final List<String> SECRET_KEYS =
      List.of(
          AdminCredentials.PASSWORD_HASH_KEY,
          AdminCredentials.PASSWORD_KEY,
          ViewerCredentials.PASSWORD_HASH_KEY,
          ViewerCredentials.PASSWORD_KEY);

  @Override
  public void apply(ConfigValues values) {
    String username = values.optional(AdminCredentials.USERNAME_KEY).orElse(null);
    try {
      AdminCredentials.resolve(
          username,
          values.optional(AdminCredentials.PASSWORD_HASH_KEY).orElse(null),
          values.optional(AdminCredentials.PASSWORD_KEY).orElse(null),
          () -> "not generated: only checked");
      ViewerCredentials.resolve(
          values.optional(ViewerCredentials.USERNAME_KEY).orElse(null),
          values.optional(ViewerCredentials.PASSWORD_HASH_KEY).orElse(null),
          values.optional(ViewerCredentials.PASSWORD_KEY).orElse(null),
          username);
    } catch (IllegalArgumentException e) {
      throw named(e.getMessage(), values);
    }
    // Untrimmed, as the filter reads it: a control character at either end is refused too.
    ServerHeaderValue.parse(values.raw(ServerHeaderValue.KEY).orElse(null));
  }

  /** The credentials' messages start with the key they are about (R3.1, R8). */
  private static InvalidConfigurationException named(String message, ConfigValues values) {
    int space = message.indexOf(' ');
    String key = space < 0 ? message : message.substring(0, space);
    String value = SECRET_KEYS.contains(key) ? "(hidden)" : values.optional(key).orElse(null);
    return new InvalidConfigurationException(key, value, message.substring(space + 1));
  }
}

package dev.fleetgate.admin;

import dev.fleetgate.supervisor.config.InvalidConfigurationException;

/**
 * The text of Fleetgate's {@code Server} header (R15) from {@value #KEY}: pure, apart from the
 * filter that sends it ({@link ServerHeader}), so that {@code fleetgate check} can check it without
 * the servlet API.
 */
final class ServerHeaderValue {

  /** The configuration key: the header's text; {@code none} for none. */
  static final String KEY = "fleetgate.http.server-header";

  static final String DEFAULT = "Fleetgate";

  /**
   * The value that sends no header. An empty value would do too, but Payara's MicroProfile Config
   * takes an empty override as unset and answers the shipped default instead.
   */
  static final String NONE = "none";

  private static final int MAX_LENGTH = 200;

  private ServerHeaderValue() {}

  /**
   * The header to send for a raw setting: null (unset) is the default, {@code none}, empty or blank
   * is none; anything else must be printable ASCII (RFC 9110 field value), at most 200 characters.
   */
  static String parse(String raw) {
    if (raw == null) {
      return DEFAULT;
    }
    String text = raw.strip();
    if (text.isEmpty() || text.equalsIgnoreCase(NONE)) {
      return null;
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidConfigurationException(
          KEY, raw, "longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 || c > 0x7e) && c != '\t') {
        throw new InvalidConfigurationException(
            KEY, raw, "only printable ASCII characters may be sent in a header");
      }
    }
    return text;
  }
}

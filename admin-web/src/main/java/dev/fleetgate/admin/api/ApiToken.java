package dev.fleetgate.admin.api;

import dev.fleetgate.admin.security.BearerToken;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.util.Optional;

/**
 * The API's token, {@value #KEY} (R1): unset or blank turns the API off; otherwise at least {@value
 * #MIN_LENGTH} printable ASCII characters without spaces, or Fleetgate does not start. The error
 * never shows the token.
 */
final class ApiToken {

  static final String KEY = "fleetgate.admin.api-token";

  /** 16 random characters of a password generator or {@code openssl rand -hex 16} and up. */
  static final int MIN_LENGTH = 16;

  /** What a request's {@code Authorization} header amounts to. */
  enum Verdict {
    /** No token is configured: the API is off. */
    OFF,
    /** The request sent no bearer token. */
    MISSING,
    /** The request sent another token. */
    WRONG,
    /** The request sent the token. */
    ALLOWED
  }

  private final BearerToken token;

  private ApiToken(BearerToken token) {
    this.token = token;
  }

  /**
   * The token of a setting.
   *
   * @throws InvalidConfigurationException naming {@value #KEY}, when a token is set but too short
   *     or not sendable in a header
   */
  static ApiToken of(Optional<String> configured) {
    Optional<String> value = configured.map(String::strip).filter(t -> !t.isEmpty());
    value.ifPresent(ApiToken::validate);
    return new ApiToken(BearerToken.of(value));
  }

  boolean configured() {
    return token.configured();
  }

  Verdict check(String authorization) {
    if (!token.configured()) {
      return Verdict.OFF;
    }
    if (authorization == null || authorization.isBlank()) {
      return Verdict.MISSING;
    }
    return token.matches(authorization) ? Verdict.ALLOWED : Verdict.WRONG;
  }

  private static void validate(String token) {
    String hidden = "•".repeat(6);
    if (token.length() < MIN_LENGTH) {
      throw new InvalidConfigurationException(
          KEY,
          hidden,
          token.length()
              + " characters; use at least "
              + MIN_LENGTH
              + " (for example the output of: openssl rand -hex 24)");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= 0x20 || c > 0x7e) {
        throw new InvalidConfigurationException(
            KEY, hidden, "only printable ASCII characters without spaces can be sent in a header");
      }
    }
  }
}

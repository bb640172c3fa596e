package dev.fleetgate.admin;

import dev.fleetgate.admin.security.BearerToken;
import java.util.Optional;

/**
 * Who may read {@code /admin/metrics} (R9): a signed-in console user of either role, or a scraper
 * sending {@code Authorization: Bearer <token>} with the token of {@value #TOKEN_KEY}. Without that
 * setting, only a console session opens it.
 */
final class MetricsAccess {

  /** The configuration key of the scrapers' token; unset = session only. */
  static final String TOKEN_KEY = "fleetgate.metrics.token";

  private final BearerToken token;

  MetricsAccess(Optional<String> token) {
    this.token = BearerToken.of(token);
  }

  /**
   * True if the request may read the metrics.
   *
   * @param inConsoleRole whether the caller is signed in with a console role
   * @param authorization the request's {@code Authorization} header, or null
   */
  boolean allows(boolean inConsoleRole, String authorization) {
    return inConsoleRole || token.matches(authorization);
  }
}

package dev.fleetgate.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may read {@code /admin/metrics} (R9): a signed-in console user of either role, or a scraper
 * sending {@code Authorization: Bearer <token>} with the token of {@value #TOKEN_KEY}. Without that
 * setting, only a console session opens it.
 */
final class MetricsAccess {

  /** The configuration key of the scrapers' token; unset = session only. */
  static final String TOKEN_KEY = "fleetgate.metrics.token";

  private static final String BEARER = "bearer ";

  private final Optional<String> token;

  MetricsAccess(Optional<String> token) {
    this.token = token.map(String::strip).filter(t -> !t.isEmpty());
  }

  /**
   * True if the request may read the metrics.
   *
   * @param inConsoleRole whether the caller is signed in with a console role
   * @param authorization the request's {@code Authorization} header, or null
   */
  boolean allows(boolean inConsoleRole, String authorization) {
    return inConsoleRole || bearerMatches(authorization);
  }

  /** Compares digests in constant time: neither the token's content nor its length leaks. */
  boolean bearerMatches(String authorization) {
    if (token.isEmpty() || authorization == null) {
      return false;
    }
    String header = authorization.strip();
    if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      return false;
    }
    String offered = header.substring(BEARER.length()).strip();
    return MessageDigest.isEqual(sha256(token.get()), sha256(offered));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}

package dev.fleetgate.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * A configured secret that a caller proves with {@code Authorization: Bearer <token>} (R10): the
 * scrapers' {@code fleetgate.metrics.token}, the API's {@code fleetgate.admin.api-token}. A blank
 * or unset token matches nothing. Compared as SHA-256 digests with {@link MessageDigest#isEqual}:
 * the time taken tells neither the token's content nor its length.
 */
public final class BearerToken {

  private static final String BEARER = "bearer ";

  private final Optional<byte[]> digest;

  private BearerToken(Optional<String> token) {
    this.digest = token.map(String::strip).filter(t -> !t.isEmpty()).map(BearerToken::sha256);
  }

  /** The token of a setting; empty, blank or absent = no token. */
  public static BearerToken of(Optional<String> configured) {
    return new BearerToken(configured);
  }

  /** True if a token is configured. */
  public boolean configured() {
    return digest.isPresent();
  }

  /**
   * True if {@code authorization} (a request's {@code Authorization} header, or null) carries the
   * token. The scheme is case-insensitive; spaces around the token are ignored.
   */
  public boolean matches(String authorization) {
    if (digest.isEmpty() || authorization == null) {
      return false;
    }
    String header = authorization.strip();
    if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      return false;
    }
    String offered = header.substring(BEARER.length()).strip();
    return MessageDigest.isEqual(digest.get(), sha256(offered));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}

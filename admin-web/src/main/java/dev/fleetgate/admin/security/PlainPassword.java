package dev.fleetgate.admin.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A password kept as plain text: set with {@code fleetgate.admin.password} or generated at start.
 *
 * <p>Both sides are reduced to SHA-256 digests before the constant-time comparison, so neither the
 * content nor the length of the password leaks through timing.
 */
public record PlainPassword(String value) implements StoredPassword {

  @Override
  public boolean matches(char[] candidate) {
    return MessageDigest.isEqual(sha256(value.toCharArray()), sha256(candidate));
  }

  /** Never prints the password, even when a record holding it is logged. */
  @Override
  public String toString() {
    return "PlainPassword[***]";
  }

  private static byte[] sha256(char[] chars) {
    ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] bytes = new byte[utf8.remaining()];
    utf8.get(bytes);
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}

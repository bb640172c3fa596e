package dev.fleetgate.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The optional read-only user (R8): may look at every page, may not act. Configured like the
 * administrator, but never generated: without a user name there is no viewer.
 *
 * @param username the user name to sign in with
 * @param password how the password is checked
 */
public record ViewerCredentials(String username, StoredPassword password) {

  public static final String USERNAME_KEY = "fleetgate.admin.viewer-username";
  public static final String PASSWORD_HASH_KEY = "fleetgate.admin.viewer-password-hash";
  public static final String PASSWORD_KEY = "fleetgate.admin.viewer-password";

  /**
   * The viewer, when {@value #USERNAME_KEY} is set; its password from {@value #PASSWORD_HASH_KEY},
   * else {@value #PASSWORD_KEY}. Blank values count as unset.
   *
   * @param adminUsername the administrator's name, which the viewer may not share
   * @throws IllegalArgumentException naming the key: a viewer without a password, a malformed hash,
   *     or the administrator's name
   */
  public static Optional<ViewerCredentials> resolve(
      String username, String passwordHash, String password, String adminUsername) {
    if (isBlank(username)) {
      return Optional.empty();
    }
    if (username.equals(adminUsername)) {
      throw new IllegalArgumentException(
          USERNAME_KEY + " must differ from " + AdminCredentials.USERNAME_KEY);
    }
    if (!isBlank(passwordHash)) {
      try {
        return Optional.of(new ViewerCredentials(username, Pbkdf2Hash.parse(passwordHash)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(PASSWORD_HASH_KEY + " is " + e.getMessage(), e);
      }
    }
    if (!isBlank(password)) {
      return Optional.of(new ViewerCredentials(username, new PlainPassword(password)));
    }
    throw new IllegalArgumentException(
        USERNAME_KEY + " is set but neither " + PASSWORD_HASH_KEY + " nor " + PASSWORD_KEY);
  }

  /** True if both match; like {@link AdminCredentials#matches}, always checks the password. */
  public boolean matches(String candidateUser, char[] candidatePassword) {
    String user = candidateUser == null ? "" : candidateUser;
    boolean userMatches =
        MessageDigest.isEqual(
            username.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
    boolean passwordMatches =
        password.matches(candidatePassword == null ? new char[0] : candidatePassword);
    return userMatches & passwordMatches;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}

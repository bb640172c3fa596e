package dev.fleetgate.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one administrator who may sign in, resolved once from configuration (R3).
 *
 * @param username the user name to sign in with
 * @param password how the password is checked
 * @param source which setting the password came from
 */
public record AdminCredentials(String username, StoredPassword password, Source source) {

  public static final String USERNAME_KEY = "fleetgate.admin.username";
  public static final String PASSWORD_HASH_KEY = "fleetgate.admin.password-hash";
  public static final String PASSWORD_KEY = "fleetgate.admin.password";

  /** Length of a generated password: 24 of 57 symbols, about 140 bits. */
  static final int GENERATED_LENGTH = 24;

  // No 0/O, 1/l/I: the password is read off a log and typed by hand.
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  /** Where the password came from, strongest first. */
  public enum Source {
    HASH,
    PLAIN,
    GENERATED
  }

  /**
   * Chooses the password by precedence: hash, then plain text, then a generated one. Null or blank
   * values count as unset.
   *
   * @throws IllegalArgumentException naming the key, when the user name is blank or the hash is
   *     malformed
   */
  public static AdminCredentials resolve(
      String username, String passwordHash, String password, Supplier<String> generator) {
    if (isBlank(username)) {
      throw new IllegalArgumentException(USERNAME_KEY + " must not be blank");
    }
    if (!isBlank(passwordHash)) {
      try {
        return new AdminCredentials(username, Pbkdf2Hash.parse(passwordHash), Source.HASH);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(PASSWORD_HASH_KEY + " is " + e.getMessage(), e);
      }
    }
    if (!isBlank(password)) {
      return new AdminCredentials(username, new PlainPassword(password), Source.PLAIN);
    }
    return new AdminCredentials(username, new PlainPassword(generator.get()), Source.GENERATED);
  }

  /** A new random password of {@value #GENERATED_LENGTH} characters. */
  public static String generatePassword(SecureRandom random) {
    StringBuilder password = new StringBuilder(GENERATED_LENGTH);
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }

  /**
   * True if both match. The password is checked even when the user name is wrong, so the answer
   * takes as long either way and does not tell which of the two was wrong (R3.2).
   */
  public boolean matches(String candidateUser, char[] candidatePassword) {
    String user = candidateUser == null ? "" : candidateUser;
    boolean userMatches =
        MessageDigest.isEqual(
            username.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
    boolean passwordMatches =
        password.matches(candidatePassword == null ? new char[0] : candidatePassword);
    return userMatches & passwordMatches;
  }

  /** The generated password, to show once at start; empty when one was configured. */
  public Optional<String> generatedPassword() {
    return source == Source.GENERATED && password instanceof PlainPassword plain
        ? Optional.of(plain.value())
        : Optional.empty();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}

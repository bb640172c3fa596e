package dev.fleetgate.admin.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PBKDF2 password hash in the text form Jakarta Security's {@code Pbkdf2PasswordHash} writes and
 * reads: {@code algorithm:iterations:salt:hash}, salt and hash in standard Base64, for example
 * {@code PBKDF2WithHmacSHA256:600000:<salt>:<hash>}.
 *
 * <p>Pure JDK on purpose ({@link SecretKeyFactory}), so {@link HashPassword} runs without any
 * Jakarta EE jar and the console verifies without a container service. The lower bounds are those
 * of the Jakarta Security implementation (Soteria): 1024 iterations, 16 bytes of salt and of hash.
 */
public final class Pbkdf2Hash implements StoredPassword {

  /** The algorithm new hashes use; Jakarta Security's default too. */
  public static final String DEFAULT_ALGORITHM = "PBKDF2WithHmacSHA256";

  /** Iterations for new hashes: OWASP's 2023 figure for PBKDF2-HMAC-SHA256 (~0.2 s here). */
  public static final int DEFAULT_ITERATIONS = 600_000;

  static final Set<String> ALGORITHMS =
      Set.of(
          "PBKDF2WithHmacSHA224",
          "PBKDF2WithHmacSHA256",
          "PBKDF2WithHmacSHA384",
          "PBKDF2WithHmacSHA512");
  static final int MIN_ITERATIONS = 1024;
  static final int MIN_BYTES = 16;
  static final int SALT_BYTES = 32;
  static final int HASH_BYTES = 32;
  private static final String FORMAT = "algorithm:iterations:salt:hash";

  private final String algorithm;
  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private Pbkdf2Hash(String algorithm, int iterations, byte[] salt, byte[] hash) {
    this.algorithm = algorithm;
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /**
   * Reads the text form.
   *
   * @throws IllegalArgumentException saying what is wrong, without repeating the hash itself
   */
  public static Pbkdf2Hash parse(String encoded) {
    String[] parts = encoded.strip().split(":", -1);
    if (parts.length != 4) {
      throw malformed("expected 4 parts separated by ':', found " + parts.length);
    }
    String algorithm = parts[0];
    if (!ALGORITHMS.contains(algorithm)) {
      throw malformed("unknown algorithm '" + algorithm + "', expected one of " + ALGORITHMS);
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw malformed("iterations '" + parts[1] + "' is not a number");
    }
    if (iterations < MIN_ITERATIONS) {
      throw malformed("iterations " + iterations + " is below " + MIN_ITERATIONS);
    }
    byte[] salt = base64(parts[2], "salt");
    byte[] hash = base64(parts[3], "hash");
    return new Pbkdf2Hash(algorithm, iterations, salt, hash);
  }

  /** Hashes {@code password} with a new random salt, the default algorithm and iterations. */
  public static Pbkdf2Hash create(char[] password, SecureRandom random) {
    return create(password, DEFAULT_ALGORITHM, DEFAULT_ITERATIONS, random);
  }

  static Pbkdf2Hash create(char[] password, String algorithm, int iterations, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new Pbkdf2Hash(
        algorithm, iterations, salt, derive(password, algorithm, iterations, salt, HASH_BYTES));
  }

  /** The text form, as accepted by {@link #parse} and by Jakarta Security. */
  public String encoded() {
    Base64.Encoder base64 = Base64.getEncoder();
    return algorithm
        + ":"
        + iterations
        + ":"
        + base64.encodeToString(salt)
        + ":"
        + base64.encodeToString(hash);
  }

  @Override
  public boolean matches(char[] candidate) {
    return MessageDigest.isEqual(hash, derive(candidate, algorithm, iterations, salt, hash.length));
  }

  /** Names the parameters only: the salt and hash stay out of logs. */
  @Override
  public String toString() {
    return "Pbkdf2Hash[" + algorithm + ", " + iterations + " iterations]";
  }

  private static byte[] derive(
      char[] password, String algorithm, int iterations, byte[] salt, int bytes) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
    try {
      return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  private static byte[] base64(String text, String part) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed(part + " is not Base64");
    }
    if (bytes.length < MIN_BYTES) {
      throw malformed(part + " has " + bytes.length + " bytes, fewer than " + MIN_BYTES);
    }
    return bytes;
  }

  private static IllegalArgumentException malformed(String why) {
    return new IllegalArgumentException(
        "not a PBKDF2 hash ("
            + FORMAT
            + "): "
            + why
            + "; make one with "
            + HashPassword.class.getName());
  }
}

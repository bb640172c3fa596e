package dev.fleetgate.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A node's signed word that {@code user} signed in to the console with {@code role} (R11.1): what
 * another node of the cluster needs to continue that sign-in without a session of its own.
 *
 * <p>Written as six fields joined by dots, every one safe in a cookie value:
 *
 * <pre>
 * 1.&lt;user, base64url&gt;.&lt;role&gt;.&lt;issued-at&gt;.&lt;expires-at&gt;.&lt;HMAC-SHA256, base64url&gt;
 * </pre>
 *
 * <p>The times are seconds since the epoch; the HMAC covers everything before the last dot, with
 * the cluster's session key. {@link #verify} checks the signature (in constant time) before it
 * reads any field, so an unsigned value is never parsed; times are checked by {@link #validAt}.
 *
 * @param user the signed-in user's name
 * @param role the role the signing node gave that user
 * @param issuedAt when the token was made, in whole seconds
 * @param expiresAt when it stops being accepted, in whole seconds
 */
public record NodeSessionToken(String user, String role, Instant issuedAt, Instant expiresAt) {

  /** The format's version, the first field: a later format is refused, never misread. */
  static final String VERSION = "1";

  /** How far ahead of this node's clock another node's may be. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  /** Longer values are refused unread: a cookie is at most 4 KiB. */
  static final int MAX_LENGTH = 4096;

  private static final String HMAC = "HmacSHA256";
  private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  public NodeSessionToken {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (user.isEmpty()) {
      throw new IllegalArgumentException("A token names a user");
    }
    if (!ROLE.matcher(role).matches()) {
      throw new IllegalArgumentException("Not a role for a token: " + role);
    }
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("A token expires after it is issued");
    }
  }

  /** A token for {@code user} from {@code now} (whole seconds) for {@code lifetime}. */
  public static NodeSessionToken issue(String user, String role, Instant now, Duration lifetime) {
    Instant issued = Instant.ofEpochSecond(now.getEpochSecond());
    return new NodeSessionToken(user, role, issued, issued.plus(lifetime));
  }

  /** The signed value, for the cookie. */
  public String encode(byte[] key) {
    String signed =
        String.join(
            ".",
            VERSION,
            ENCODER.encodeToString(user.getBytes(StandardCharsets.UTF_8)),
            role,
            Long.toString(issuedAt.getEpochSecond()),
            Long.toString(expiresAt.getEpochSecond()));
    return signed + "." + ENCODER.encodeToString(hmac(key, signed));
  }

  /**
   * The token in {@code value} if it was signed with {@code key}; empty for anything else: no
   * value, another key, a changed field, another version, or no token at all. Says nothing about
   * time: see {@link #validAt}.
   */
  public static Optional<NodeSessionToken> verify(String value, byte[] key) {
    if (value == null || value.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    int cut = value.lastIndexOf('.');
    if (cut < 0) {
      return Optional.empty();
    }
    String signed = value.substring(0, cut);
    try {
      byte[] given = DECODER.decode(value.substring(cut + 1));
      if (!MessageDigest.isEqual(hmac(key, signed), given)) {
        return Optional.empty();
      }
      String[] fields = signed.split("\\.", -1);
      if (fields.length != 5 || !VERSION.equals(fields[0])) {
        return Optional.empty();
      }
      return Optional.of(
          new NodeSessionToken(
              new String(DECODER.decode(fields[1]), StandardCharsets.UTF_8),
              fields[2],
              Instant.ofEpochSecond(Long.parseLong(fields[3])),
              Instant.ofEpochSecond(Long.parseLong(fields[4]))));
    } catch (RuntimeException malformed) { // base64, number, instant or field rules
      return Optional.empty();
    }
  }

  /**
   * True if this token may be accepted at {@code now}: not yet expired, not issued later than
   * {@link #CLOCK_SKEW} ahead of {@code now}, and made to last no longer than {@code maxLifetime}
   * (this node's own).
   */
  public boolean validAt(Instant now, Duration maxLifetime) {
    return now.isBefore(expiresAt)
        && !issuedAt.isAfter(now.plus(CLOCK_SKEW))
        && lifetime().compareTo(maxLifetime) <= 0;
  }

  /** True once more than half of this token's life has passed: time for a new one (R11.3). */
  public boolean renewalDue(Instant now) {
    return now.isAfter(issuedAt.plus(lifetime().dividedBy(2)));
  }

  private Duration lifetime() {
    return Duration.between(issuedAt, expiresAt);
  }

  private static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JDK has " + HMAC, e);
    }
  }
}

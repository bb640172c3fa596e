package dev.fleetgate.supervisor.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the shared secret does (R1.2). Hazelcast's open-source edition authenticates no member, so
 * the secret works twice: the grid's cluster name is derived from it, so a node with another secret
 * asks to join a different cluster and is never let in; and every report and message a node puts
 * into the grid carries an HMAC-SHA256 under a key derived from it, so a member that got in some
 * other way can neither forge a report nor order an operation. Grid traffic itself is not
 * encrypted: the grid's port belongs on a private network (docs/scale.md).
 */
public final class ClusterSecret {
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] messageKey;
  private final String gridName;
  private final byte[] sessionKey;

  public ClusterSecret(String clusterName, String secret) {
    byte[] root = secret.getBytes(StandardCharsets.UTF_8);
    this.gridName =
        clusterName + "-" + HEX.formatHex(hmac(root, "fleetgate grid name " + clusterName), 0, 8);
    this.messageKey = hmac(root, "fleetgate grid messages " + clusterName);
    this.sessionKey = hmac(root, "fleetgate console sessions " + clusterName);
  }

  /** The data grid's cluster name: the configured name and a digest of the secret. */
  public String gridName() {
    return gridName;
  }

  /** A key for console sessions valid on every node, apart from the grid's. */
  public byte[] sessionKey() {
    return sessionKey.clone();
  }

  /** {@code text} with its signature appended after a newline. */
  public String sign(String text) {
    return text + "\n" + HEX.formatHex(hmac(messageKey, text));
  }

  /** The text of a value {@link #sign} made with this secret, or empty for anything else. */
  public Optional<String> verify(String signed) {
    if (signed == null) {
      return Optional.empty();
    }
    int cut = signed.lastIndexOf('\n');
    if (cut < 0) {
      return Optional.empty();
    }
    String text = signed.substring(0, cut);
    byte[] expected = hmac(messageKey, text);
    byte[] given;
    try {
      given = HEX.parseHex(signed, cut + 1, signed.length());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return MessageDigest.isEqual(expected, given) ? Optional.of(text) : Optional.empty();
  }

  private static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}

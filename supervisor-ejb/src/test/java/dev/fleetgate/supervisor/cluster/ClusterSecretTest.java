package dev.fleetgate.supervisor.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R1.2: what is not signed with the cluster's secret is not believed. */
class ClusterSecretTest {
  final ClusterSecret secret = new ClusterSecret("shop", "0123456789abcdef-secret");

  @Test
  @DisplayName("R1.2 a signed text verifies, and yields the text")
  void signedTextVerifies() {
    assertEquals(
        Optional.of("{\"a\":1}\nline two"), secret.verify(secret.sign("{\"a\":1}\nline two")));
  }

  @Test
  @DisplayName("R1.2 a changed text, another secret's signature or no signature is refused")
  void forgeriesAreRefused() {
    String signed = secret.sign("restart 0");
    assertTrue(secret.verify(signed.replace("restart 0", "restart 1")).isEmpty());
    assertTrue(
        secret
            .verify(new ClusterSecret("shop", "another-secret-of-length").sign("restart 0"))
            .isEmpty());
    assertTrue(secret.verify("restart 0").isEmpty());
    assertTrue(secret.verify("restart 0\nnot-hex").isEmpty());
    assertTrue(secret.verify(null).isEmpty());
  }

  @Test
  @DisplayName("R5 the session key is the same on every node of a cluster, and not the grid's")
  void sessionKeysAgreeAcrossNodes() {
    ClusterSecret other = new ClusterSecret("shop", "0123456789abcdef-secret");
    assertEquals(32, secret.sessionKey().length);
    assertTrue(java.util.Arrays.equals(secret.sessionKey(), other.sessionKey()));
  }
}

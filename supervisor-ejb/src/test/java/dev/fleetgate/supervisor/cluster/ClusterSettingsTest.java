package dev.fleetgate.supervisor.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import dev.fleetgate.supervisor.config.ShippedDefaults;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R1: the cluster's keys, and what Payara Micro is started with for them. */
class ClusterSettingsTest {
  static final String SECRET = "0123456789abcdef-secret";

  static ClusterSettings read(Map<String, String> keys) {
    return ClusterSettings.read(ShippedDefaults.with(keys));
  }

  static Map<String, String> cluster(String... pairs) {
    Map<String, String> keys = new HashMap<>();
    keys.put("fleetgate.cluster.enabled", "true");
    keys.put("fleetgate.cluster.secret", SECRET);
    keys.put("fleetgate.cluster.members", "10.0.0.1,10.0.0.2:5701");
    for (int i = 0; i < pairs.length; i += 2) {
      keys.put(pairs[i], pairs[i + 1]);
    }
    return keys;
  }

  static String refusal(Map<String, String> keys) {
    return assertThrows(InvalidConfigurationException.class, () -> read(keys)).getMessage();
  }

  @Test
  @DisplayName("R1.4 by default there is no cluster, and Payara Micro starts without its data grid")
  void aSingleNodeStartsNoGrid() {
    ClusterSettings settings = read(Map.of());
    assertFalse(settings.enabled());
    assertEquals(List.of("--nohazelcast"), ClusterOptions.micro(settings));
    assertEquals(List.of(), ClusterOptions.jvm(settings));
    assertEquals(List.of(), ClusterOptions.preboot(settings));
  }

  @Test
  @DisplayName("R1.1 tcpip discovery lists the members, each with the grid port unless it has one")
  void tcpipMembersBecomePayaraMicrosClusterMode() {
    List<String> options = ClusterOptions.micro(read(cluster("fleetgate.cluster.port", "6000")));
    int mode = options.indexOf("--clustermode");
    assertEquals("tcpip:10.0.0.1:6000,10.0.0.2:5701", options.get(mode + 1));
    assertEquals("6000", options.get(options.indexOf("--startport") + 1));
    assertFalse(options.contains("--nohazelcast"));
  }

  @Test
  @DisplayName("R1.1 kubernetes discovery is the DNS name of a headless Service in its namespace")
  void kubernetesIsTheHeadlessServicesDnsName() {
    ClusterSettings settings =
        read(
            cluster(
                "fleetgate.cluster.discovery", "kubernetes",
                "fleetgate.cluster.kubernetes.namespace", "shop",
                "fleetgate.cluster.kubernetes.service", "fleetgate-grid"));
    assertEquals(
        "dns:fleetgate-grid.shop.svc.cluster.local:6900", ClusterOptions.clusterMode(settings));
  }

  @Test
  @DisplayName("R1.1 multicast and dns discovery pass their address on")
  void multicastAndDns() {
    assertEquals(
        "multicast:224.2.2.4:2904",
        ClusterOptions.clusterMode(read(cluster("fleetgate.cluster.discovery", "multicast"))));
    assertEquals(
        "dns:grid.internal:6900",
        ClusterOptions.clusterMode(
            read(
                cluster(
                    "fleetgate.cluster.discovery", "dns",
                    "fleetgate.cluster.dns", "grid.internal:6900"))));
  }

  @Test
  @DisplayName("R1.2 the grid's name is derived from the secret: another secret, another grid")
  void theSecretChangesTheGridsName() {
    String mine = new ClusterSecret("shop", SECRET).gridName();
    assertTrue(mine.startsWith("shop-"));
    assertEquals(mine, new ClusterSecret("shop", SECRET).gridName());
    assertFalse(mine.equals(new ClusterSecret("shop", SECRET + "x").gridName()));
    assertFalse(mine.contains(SECRET));
    List<String> options = ClusterOptions.micro(read(cluster("fleetgate.cluster.name", "shop")));
    assertEquals(mine, options.get(options.indexOf("--clustername") + 1));
  }

  @Test
  @DisplayName("R1.2 a cluster without a secret of 16 characters does not start, naming the key")
  void aShortOrMissingSecretIsRefused() {
    String message = refusal(cluster("fleetgate.cluster.secret", "short"));
    assertTrue(message.contains("fleetgate.cluster.secret"), message);
    assertFalse(message.contains("short"), "the secret is not printed: " + message);
    Map<String, String> none = cluster();
    none.remove("fleetgate.cluster.secret");
    assertTrue(refusal(none).contains("at least 16 characters"));
  }

  @Test
  @DisplayName("R1.1 bad values are refused naming the key and the value")
  void badValuesAreRefused() {
    assertTrue(
        refusal(cluster("fleetgate.cluster.discovery", "gossip"))
            .contains("fleetgate.cluster.discovery='gossip'"));
    assertTrue(
        refusal(cluster("fleetgate.cluster.members", "10.0.0.1,bad host"))
            .contains("fleetgate.cluster.members='bad host'"));
    assertTrue(
        refusal(cluster("fleetgate.cluster.members", "")).contains("fleetgate.cluster.members"));
    assertTrue(
        refusal(cluster("fleetgate.cluster.publish-interval", "5s"))
            .contains("fleetgate.cluster.publish-interval"));
    assertTrue(
        refusal(cluster("fleetgate.cluster.lost-after", "1s"))
            .contains("fleetgate.cluster.lost-after"));
    assertTrue(
        refusal(cluster("fleetgate.cluster.discovery", "kubernetes"))
            .contains("fleetgate.cluster.kubernetes.service"));
    assertTrue(
        refusal(cluster("fleetgate.cluster.name", "a b")).contains("fleetgate.cluster.name"));
  }

  @Test
  @DisplayName("R1.1 a node is named after its host and HTTP port unless it is given a name")
  void nodeNames() {
    assertEquals("web-7:8080", read(cluster()).nodeName("web-7", 8080));
    assertEquals(
        "edge-1", read(cluster("fleetgate.cluster.node-name", "edge-1")).nodeName("web-7", 8080));
  }
}

package dev.fleetgate.supervisor.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings as Payara Micro's own options (R1.1): one start's command line, written by {@code
 * fleetgate check --listeners} for the launcher and used by the integration tests. Without a
 * cluster, {@code --nohazelcast}: no data grid, no thread, no port (R1.4).
 */
public final class ClusterOptions {

  /** Hazelcast's member failure detection, in seconds: a node killed outright is out in 5. */
  static final int HEARTBEAT_SECONDS = 1;

  static final int MAX_NO_HEARTBEAT_SECONDS = 5;

  private ClusterOptions() {}

  /** Payara Micro's options for these settings. */
  public static List<String> micro(ClusterSettings settings) {
    if (!settings.enabled()) {
      return List.of("--nohazelcast");
    }
    ClusterSecret secret = new ClusterSecret(settings.name(), settings.secret());
    List<String> options = new ArrayList<>();
    options.add("--clustername");
    options.add(secret.gridName());
    options.add("--clustermode");
    options.add(clusterMode(settings));
    options.add("--startport");
    options.add(Integer.toString(settings.port()));
    if (!settings.interfaces().isEmpty()) {
      options.add("--interfaces");
      options.add(String.join(",", settings.interfaces()));
    }
    if (!settings.publicAddress().isEmpty()) {
      options.add("--hzpublicaddress");
      options.add(settings.publicAddress());
    }
    return options;
  }

  /**
   * Pre-boot commands of a clustered start: the data grid on, which a root directory prepared with
   * {@code --nohazelcast} (the launcher's prepared server) keeps off otherwise.
   */
  public static List<String> preboot(ClusterSettings settings) {
    return settings.enabled()
        ? List.of(
            "set configs.config.server-config.hazelcast-config-specific-configuration.enabled=true")
        : List.of();
  }

  /** JVM options of a clustered start: how soon Hazelcast gives up on a silent member. */
  public static List<String> jvm(ClusterSettings settings) {
    if (!settings.enabled()) {
      return List.of();
    }
    List<String> options = new ArrayList<>();
    options.add("-Dhazelcast.heartbeat.interval.seconds=" + HEARTBEAT_SECONDS);
    options.add("-Dhazelcast.max.no.heartbeat.seconds=" + MAX_NO_HEARTBEAT_SECONDS);
    // Hazelcast's phone-home, as Payara's: off.
    options.add("-Dhazelcast.phone.home.enabled=false");
    if (!settings.interfaces().isEmpty()) {
      // Payara turns Hazelcast's interfaces on but leaves it listening on every address.
      options.add("-Dhazelcast.socket.bind.any=false");
    }
    return options;
  }

  /** Payara Micro's {@code --clustermode} value. */
  static String clusterMode(ClusterSettings settings) {
    return switch (settings.discovery()) {
      case TCPIP ->
          "tcpip:"
              + String.join(
                  ",",
                  settings.members().stream()
                      .map(m -> m.matches(".*]:\\d+|[^:\\[]*:\\d+") ? m : m + ":" + settings.port())
                      .toList());
      case MULTICAST -> "multicast:" + settings.multicast();
      case DNS -> "dns:" + settings.dns();
        // A headless Service's name resolves to every ready (or, with publishNotReadyAddresses,
        // every) pod: Payara's DNS discovery reads all its A records, and needs no API access.
      case KUBERNETES ->
          "dns:"
              + settings.kubernetesService()
              + "."
              + settings.kubernetesNamespace()
              + ".svc.cluster.local:"
              + settings.port();
    };
  }
}

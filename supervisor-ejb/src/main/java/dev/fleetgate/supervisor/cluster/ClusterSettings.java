package dev.fleetgate.supervisor.cluster;

import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code fleetgate.cluster.*} keys, validated (R1): whether this node joins a cluster, which
 * one, with which secret, and how it finds the other members.
 *
 * @param enabled false (the default): no data grid is started at all
 * @param name the cluster's name; nodes of different names never join
 * @param secret shared by every node; a node with another secret never joins (R1.2)
 * @param discovery how members find each other
 * @param members {@code host[:port]} of some members, for {@link Discovery#TCPIP}
 * @param port the grid's first port to try on this node
 * @param interfaces the addresses the grid may bind, empty for any
 * @param publicAddress {@code host:port} other members reach this node at (NAT, containers), or
 *     empty
 * @param multicast {@code group:port} for {@link Discovery#MULTICAST}
 * @param dns {@code name:port} whose A records are the members, for {@link Discovery#DNS}
 * @param kubernetesNamespace the namespace of {@code kubernetesService}
 * @param kubernetesService a headless Service selecting the Fleetgate pods, for {@link
 *     Discovery#KUBERNETES}
 * @param nodeName this node's name in the cluster, empty for {@code <host name>:<HTTP port>}
 * @param publishInterval how often this node publishes its report (at most 2 s)
 * @param lostAfter how long without a new report before a node is shown lost
 */
public record ClusterSettings(
    boolean enabled,
    String name,
    String secret,
    Discovery discovery,
    List<String> members,
    int port,
    List<String> interfaces,
    String publicAddress,
    String multicast,
    String dns,
    String kubernetesNamespace,
    String kubernetesService,
    String nodeName,
    Duration publishInterval,
    Duration lostAfter) {

  static final String PREFIX = "fleetgate.cluster.";

  /** The shortest secret accepted: a guessable one would let anyone on the network join. */
  static final int MIN_SECRET_LENGTH = 16;

  static final Duration MAX_PUBLISH_INTERVAL = Duration.ofSeconds(2);

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9][A-Za-z0-9.-]*)(:\\d{1,5})?");
  private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

  public enum Discovery {
    TCPIP,
    MULTICAST,
    DNS,
    KUBERNETES;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ClusterSettings {
    members = List.copyOf(members);
    interfaces = List.copyOf(interfaces);
  }

  /** Reads and checks every key; throws naming the first bad one. */
  public static ClusterSettings read(ConfigValues values) {
    boolean enabled = values.bool(PREFIX + "enabled");
    String name = values.required(PREFIX + "name");
    if (!NAME.matcher(name).matches()) {
      throw invalid(values, "name", name, "letters, digits, '.', '_' and '-', at most 63");
    }
    String secret = values.raw(PREFIX + "secret").orElse("");
    Discovery discovery = discovery(values);
    List<String> members = list(values, "members");
    for (String member : members) {
      requireHostPort(values, "members", member);
    }
    int port = values.integer(PREFIX + "port", 1, 65535);
    List<String> interfaces = list(values, "interfaces");
    String publicAddress = values.optional(PREFIX + "public-address").orElse("");
    if (!publicAddress.isEmpty()) {
      requireHostPort(values, "public-address", publicAddress);
    }
    String multicast = values.required(PREFIX + "multicast");
    requireHostPort(values, "multicast", multicast);
    String dns = values.optional(PREFIX + "dns").orElse("");
    if (!dns.isEmpty()) {
      requireHostPort(values, "dns", dns);
    }
    String namespace = values.required(PREFIX + "kubernetes.namespace");
    if (!NAME.matcher(namespace).matches()) {
      throw invalid(values, "kubernetes.namespace", namespace, "not a Kubernetes namespace");
    }
    String service = values.optional(PREFIX + "kubernetes.service").orElse("");
    if (!service.isEmpty() && !NAME.matcher(service).matches()) {
      throw invalid(values, "kubernetes.service", service, "not a Kubernetes service name");
    }
    String nodeName = values.optional(PREFIX + "node-name").orElse("");
    if (!nodeName.isEmpty() && !NODE_NAME.matcher(nodeName).matches()) {
      throw invalid(
          values, "node-name", nodeName, "letters, digits, '.', '_', ':' and '-', at most 100");
    }
    Duration publish = values.duration(PREFIX + "publish-interval", Duration.ofMillis(100));
    if (publish.compareTo(MAX_PUBLISH_INTERVAL) > 0) {
      throw invalid(
          values, "publish-interval", publish.toMillis() + "ms", "at most 2s: views go stale");
    }
    Duration lostAfter = values.duration(PREFIX + "lost-after", Duration.ofSeconds(1));
    if (lostAfter.compareTo(publish.multipliedBy(2)) < 0) {
      throw invalid(
          values,
          "lost-after",
          lostAfter.toMillis() + "ms",
          "at least twice publish-interval, or a slow publish looks like a lost node");
    }
    if (enabled) {
      if (secret.length() < MIN_SECRET_LENGTH) {
        throw new InvalidConfigurationException(
            values.nameOf(PREFIX + "secret"),
            secret.isEmpty() ? null : "(hidden)",
            "a cluster needs a shared secret of at least "
                + MIN_SECRET_LENGTH
                + " characters (openssl rand -hex 32 makes one)");
      }
      switch (discovery) {
        case TCPIP -> {
          if (members.isEmpty()) {
            throw invalid(values, "members", "", "tcpip discovery needs the members' host:port");
          }
        }
        case DNS -> {
          if (dns.isEmpty()) {
            throw invalid(values, "dns", "", "dns discovery needs name:port");
          }
        }
        case KUBERNETES -> {
          if (service.isEmpty()) {
            throw invalid(
                values, "kubernetes.service", "", "kubernetes discovery needs a headless Service");
          }
        }
        case MULTICAST -> {}
      }
    }
    return new ClusterSettings(
        enabled,
        name,
        secret,
        discovery,
        members,
        port,
        interfaces,
        publicAddress,
        multicast,
        dns,
        namespace,
        service,
        nodeName,
        publish,
        lostAfter);
  }

  /** This node's name: the configured one, else {@code <host name>:<HTTP port>}. */
  public String nodeName(String hostName, int httpPort) {
    return nodeName.isEmpty() ? hostName + ":" + httpPort : nodeName;
  }

  private static Discovery discovery(ConfigValues values) {
    String raw = values.required(PREFIX + "discovery");
    return Arrays.stream(Discovery.values())
        .filter(d -> d.key().equals(raw.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () -> invalid(values, "discovery", raw, "one of tcpip, multicast, dns, kubernetes"));
  }

  private static List<String> list(ConfigValues values, String key) {
    Optional<String> raw = values.optional(PREFIX + key);
    return raw.map(r -> Arrays.stream(r.split(",")).map(String::trim).filter(s -> !s.isEmpty()))
        .map(s -> s.toList())
        .orElse(List.of());
  }

  private static void requireHostPort(ConfigValues values, String key, String value) {
    var m = HOST_PORT.matcher(value);
    if (!m.matches() || (m.group(2) != null && Integer.parseInt(m.group(2).substring(1)) > 65535)) {
      throw invalid(values, key, value, "expected host or host:port");
    }
  }

  private static InvalidConfigurationException invalid(
      ConfigValues values, String key, String value, String problem) {
    return new InvalidConfigurationException(values.nameOf(PREFIX + key), value, problem);
  }
}

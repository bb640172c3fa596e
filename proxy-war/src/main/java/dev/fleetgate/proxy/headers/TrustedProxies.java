package dev.fleetgate.proxy.headers;

import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses whose {@code X-Forwarded-*} headers are believed ({@code
 * fleetgate.proxy.trusted-proxies}, R3): single addresses or CIDR ranges, IPv4 or IPv6. From anyone
 * else those headers are replaced, so a client cannot claim another address.
 */
public final class TrustedProxies {
  private record Range(byte[] network, int prefix) {}

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = ranges;
  }

  public static TrustedProxies parse(String key, String raw) {
    List<Range> ranges = new ArrayList<>();
    for (String item : raw.split(",")) {
      String entry = item.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int slash = entry.indexOf('/');
      String address = slash < 0 ? entry : entry.substring(0, slash);
      try {
        if (!address.matches("[0-9a-fA-F:.]+")) {
          throw new UnknownHostException(address); // addresses only: no name lookups
        }
        byte[] bytes = InetAddress.getByName(address).getAddress();
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(entry.substring(slash + 1));
        if (prefix < 0 || prefix > bytes.length * 8) {
          throw new NumberFormatException();
        }
        ranges.add(new Range(bytes, prefix));
      } catch (UnknownHostException | NumberFormatException e) {
        throw new InvalidConfigurationException(
            key, raw, "'" + entry + "' is not an IP address or CIDR range");
      }
    }
    return new TrustedProxies(List.copyOf(ranges));
  }

  /** Whether {@code address} (as the servlet reports a peer) is a trusted proxy. */
  public boolean trusts(String address) {
    if (ranges.isEmpty() || address == null) {
      return false;
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      return false;
    }
    for (Range range : ranges) {
      if (matches(range, bytes)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Range range, byte[] address) {
    if (range.network().length != address.length) {
      return false;
    }
    int full = range.prefix() / 8;
    for (int i = 0; i < full; i++) {
      if (range.network()[i] != address[i]) {
        return false;
      }
    }
    int rest = range.prefix() % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest);
    return (range.network()[full] & mask) == (address[full] & mask);
  }
}

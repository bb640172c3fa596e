package dev.fleetgate.proxy;

import dev.fleetgate.proxy.accesslog.AccessLogSettings;
import dev.fleetgate.proxy.balance.Strategy;
import dev.fleetgate.proxy.compression.CompressionPolicy;
import dev.fleetgate.proxy.headers.RequestIds;
import dev.fleetgate.proxy.headers.TrustedProxies;
import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Every {@code fleetgate.proxy.*} setting, read and validated once when the proxy starts; a bad
 * value stops start-up naming the key and the value.
 */
record ProxySettings(
    Duration connectTimeout,
    Duration responseTimeout,
    Duration readTimeout,
    Strategy strategy,
    HashKey hashKey,
    Map<Integer, Integer> weights,
    int maxFails,
    Duration failTimeout,
    int maxTries,
    long maxBodySize,
    TrustedProxies trustedProxies,
    boolean forwardedHeader,
    RequestIds requestIds,
    AccessLogSettings accessLog,
    java.util.Optional<String> healthCheckPath,
    Duration healthCheckInterval,
    int healthCheckRise,
    int healthCheckFall,
    int syncThreads,
    CompressionPolicy compression) {

  static ProxySettings read(ConfigValues values) {
    return new ProxySettings(
        values.duration("fleetgate.proxy.connect-timeout", Duration.ofMillis(1)),
        values.duration("fleetgate.proxy.response-timeout", Duration.ofMillis(1)),
        values.duration("fleetgate.proxy.read-timeout", Duration.ofMillis(1)),
        Strategy.parse("fleetgate.proxy.balance", values.required("fleetgate.proxy.balance")),
        HashKey.parse("fleetgate.proxy.hash-key", values.required("fleetgate.proxy.hash-key")),
        weights(values.optional("fleetgate.proxy.weights").orElse("")),
        values.integer("fleetgate.proxy.max-fails", 0, 1000),
        values.duration("fleetgate.proxy.fail-timeout", Duration.ZERO),
        values.integer("fleetgate.proxy.max-tries", 1, 100),
        values.size("fleetgate.proxy.max-body-size"),
        TrustedProxies.parse(
            "fleetgate.proxy.trusted-proxies",
            values.optional("fleetgate.proxy.trusted-proxies").orElse("")),
        values.bool("fleetgate.proxy.forwarded-header"),
        RequestIds.parse(
            values.bool("fleetgate.proxy.request-id"),
            "fleetgate.proxy.request-id-header",
            values.required("fleetgate.proxy.request-id-header")),
        AccessLogSettings.read(values),
        values.optional("fleetgate.proxy.health-check.path").map(ProxySettings::checkPath),
        values.duration("fleetgate.proxy.health-check.interval", Duration.ofMillis(100)),
        values.integer("fleetgate.proxy.health-check.rise", 1, 100),
        values.integer("fleetgate.proxy.health-check.fall", 1, 100),
        values.integer("fleetgate.proxy.sync-threads", 0, 10_000),
        CompressionPolicy.read(values));
  }

  private static String checkPath(String raw) {
    if (!raw.startsWith("/")) {
      throw new InvalidConfigurationException(
          "fleetgate.proxy.health-check.path", raw, "must start with /");
    }
    return raw;
  }

  /** {@code 0=5,1=1}: worker id = weight, 1 to 100; unnamed workers weigh 1. */
  static Map<Integer, Integer> weights(String raw) {
    Map<Integer, Integer> weights = new HashMap<>();
    for (String pair : raw.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      String[] parts = pair.split("=");
      try {
        int id = Integer.parseInt(parts[0].trim());
        int weight = Integer.parseInt(parts[1].trim());
        if (parts.length != 2 || id < 0 || weight < 1 || weight > 100) {
          throw new NumberFormatException();
        }
        weights.put(id, weight);
      } catch (RuntimeException e) {
        throw new InvalidConfigurationException(
            "fleetgate.proxy.weights", raw, "'" + pair.trim() + "' is not workerId=weight (1-100)");
      }
    }
    return weights;
  }

  /** What {@link Strategy#HASH} hashes: the client address, a request header or a cookie. */
  record HashKey(Kind kind, String name) {
    enum Kind {
      CLIENT_ADDRESS,
      HEADER,
      COOKIE
    }

    static HashKey parse(String key, String raw) {
      String value = raw.trim();
      if (value.equals("client-address")) {
        return new HashKey(Kind.CLIENT_ADDRESS, null);
      }
      if (value.startsWith("header:") && value.length() > 7) {
        return new HashKey(Kind.HEADER, value.substring(7));
      }
      if (value.startsWith("cookie:") && value.length() > 7) {
        return new HashKey(Kind.COOKIE, value.substring(7));
      }
      throw new InvalidConfigurationException(
          key, raw, "use client-address, header:<name> or cookie:<name>");
    }

    /** The key of {@code request}, or null when it has none (then round-robin picks). */
    String of(HttpServletRequest request) {
      return switch (kind) {
        case CLIENT_ADDRESS -> request.getRemoteAddr();
        case HEADER -> request.getHeader(name);
        case COOKIE -> cookie(request, name);
      };
    }

    private static String cookie(HttpServletRequest request, String name) {
      Cookie[] cookies = request.getCookies();
      if (cookies != null) {
        for (Cookie cookie : cookies) {
          if (cookie.getName().equals(name)) {
            return cookie.getValue();
          }
        }
      }
      return null;
    }
  }
}

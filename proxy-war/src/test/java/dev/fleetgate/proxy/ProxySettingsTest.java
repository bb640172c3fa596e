package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.proxy.balance.Strategy;
import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The proxy's settings: nginx's defaults, and every bad value named with its key. */
class ProxySettingsTest {

  static ConfigValues shipped(Map<String, String> overrides) {
    Properties defaults = new Properties();
    try (InputStream in =
        ProxySettingsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      defaults.load(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Map<String, String> merged = new HashMap<>();
    defaults.forEach((k, v) -> merged.put((String) k, (String) v));
    merged.putAll(overrides);
    return new ConfigValues(key -> Optional.ofNullable(merged.get(key)));
  }

  @Test
  void defaultsFollowNginx() {
    ProxySettings cut = ProxySettings.read(shipped(Map.of()));
    assertEquals(Strategy.ROUND_ROBIN, cut.strategy());
    assertEquals(1, cut.maxFails());
    assertEquals(Duration.ofSeconds(10), cut.failTimeout());
    assertEquals(Duration.ofSeconds(60), cut.connectTimeout());
    assertEquals(Duration.ofSeconds(60), cut.responseTimeout());
    assertEquals(Map.of(), cut.weights());
  }

  @Test
  void readsWeightsAndHashKeys() {
    ProxySettings cut =
        ProxySettings.read(
            shipped(
                Map.of(
                    "fleetgate.proxy.balance", "hash",
                    "fleetgate.proxy.hash-key", "cookie:SESSION",
                    "fleetgate.proxy.weights", "0=5, 1=1,2=1")));
    assertEquals(Strategy.HASH, cut.strategy());
    assertEquals(
        new ProxySettings.HashKey(ProxySettings.HashKey.Kind.COOKIE, "SESSION"), cut.hashKey());
    assertEquals(Map.of(0, 5, 1, 1, 2, 1), cut.weights());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "fleetgate.proxy.balance|random|unknown strategy",
        "fleetgate.proxy.hash-key|ip|use client-address",
        "fleetgate.proxy.weights|0=500|is not workerId=weight",
        "fleetgate.proxy.weights|a=1|is not workerId=weight",
        "fleetgate.proxy.max-tries|0|must be between 1",
        "fleetgate.proxy.max-fails|-1|must be between 0",
        "fleetgate.proxy.connect-timeout|never|not a duration",
        "fleetgate.proxy.max-body-size|big|not a size",
        "fleetgate.proxy.forwarded-header|yes|must be true or false",
        "fleetgate.proxy.trusted-proxies|proxy.local|not an IP address"
      })
  void aBadValueStopsTheProxyNamingKeyAndValue(String key, String value, String why) {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> ProxySettings.read(shipped(Map.of(key, value))));
    assertEquals(key, e.key());
    assertTrue(e.getMessage().contains(value) && e.getMessage().contains(why), e.getMessage());
  }
}

package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.proxy.accesslog.AccessLogSettings;
import dev.fleetgate.proxy.balance.Strategy;
import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The proxy's settings: nginx's defaults, and every bad value named with its key. */
public class ProxySettingsTest {

  public static ConfigValues shipped(Map<String, String> overrides) {
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
    assertEquals(false, cut.compression().enabled(), "nginx's gzip off");
    assertEquals(5, cut.compression().level());
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
        "fleetgate.proxy.trusted-proxies|proxy.local|not an IP address",
        "fleetgate.proxy.request-id|yes|must be true or false",
        "fleetgate.proxy.request-id-header|X Request Id|not an HTTP header name",
        "fleetgate.proxy.request-id-header|X-Forwarded-For|a header the proxy sets itself",
        "fleetgate.proxy.request-id-header|connection|a header the proxy sets itself",
        "fleetgate.proxy.access-log-format|{client} {referer}|unknown field {referer}",
        "fleetgate.proxy.access-log-max-size|lots|not a size",
        "fleetgate.proxy.access-log-max-files|0|must be between 1",
        "fleetgate.proxy.gzip|on|must be true or false",
        "fleetgate.proxy.gzip-types|text/html, png|'png' is not a media type",
        "fleetgate.proxy.gzip-types|text/*|'text/*' is not a media type",
        "fleetgate.proxy.gzip-min-length|1 kilobyte|not a size",
        "fleetgate.proxy.gzip-level|0|must be between 1 and 9",
        "fleetgate.proxy.gzip-level|10|must be between 1 and 9"
      })
  void aBadValueStopsTheProxyNamingKeyAndValue(String key, String value, String why) {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> ProxySettings.read(shipped(Map.of(key, value))));
    assertEquals(key, e.key());
    assertTrue(e.getMessage().contains(value) && e.getMessage().contains(why), e.getMessage());
  }

  @Test
  void r18_requestIdsAreOnByDefaultInXRequestId() {
    ProxySettings cut = ProxySettings.read(shipped(Map.of()));
    assertTrue(cut.requestIds().enabled());
    assertEquals("X-Request-Id", cut.requestIds().header());
    assertFalse(
        ProxySettings.read(shipped(Map.of("fleetgate.proxy.request-id", "false")))
            .requestIds()
            .enabled());
  }

  @Test
  void r9_theAccessLogGoesToTheServerLogUnlessAFileIsNamed(@TempDir Path dir) {
    AccessLogSettings byDefault = ProxySettings.read(shipped(Map.of())).accessLog();
    assertEquals(Optional.empty(), byDefault.file());
    assertEquals(100L << 20, byDefault.maxSize());
    assertEquals(10, byDefault.maxFiles());

    AccessLogSettings cut =
        ProxySettings.read(
                shipped(
                    Map.of(
                        "fleetgate.proxy.access-log-format", "json",
                        "fleetgate.proxy.access-log-file", dir + "/logs/access.log",
                        "fleetgate.proxy.access-log-max-size", "64k")))
            .accessLog();
    assertTrue(cut.json());
    assertEquals(Optional.of(dir.resolve("logs/access.log")), cut.file());
    assertEquals(64 * 1024, cut.maxSize());
    assertFalse(Files.exists(dir.resolve("logs")), "checking creates nothing");
  }

  @Test
  void r9_anAccessLogFileThatCannotBeWrittenStopsTheProxy(@TempDir Path dir) throws IOException {
    Path notADirectory = Files.createFile(dir.resolve("plain-file"));
    for (String file : List.of(notADirectory + "/access.log", dir.toString())) {
      InvalidConfigurationException e =
          assertThrows(
              InvalidConfigurationException.class,
              () -> ProxySettings.read(shipped(Map.of("fleetgate.proxy.access-log-file", file))));
      assertEquals("fleetgate.proxy.access-log-file", e.key());
      assertTrue(e.getMessage().contains(file), e.getMessage());
    }
  }
}

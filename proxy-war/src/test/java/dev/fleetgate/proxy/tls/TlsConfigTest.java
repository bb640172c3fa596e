package dev.fleetgate.proxy.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.proxy.ProxySettingsTest;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsConfigTest {
  @TempDir Path dir;

  private TlsConfig read(Map<String, String> overrides) {
    return TlsConfig.read(ProxySettingsTest.shipped(overrides));
  }

  private Map<String, String> withPemFiles(String... more) throws IOException {
    Map<String, String> settings = new HashMap<>();
    settings.put("fleetgate.tls.port", "8443");
    settings.put(
        "fleetgate.tls.certificate", Files.writeString(dir.resolve("c.pem"), "x").toString());
    settings.put("fleetgate.tls.key", Files.writeString(dir.resolve("k.pem"), "x").toString());
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return settings;
  }

  @Test
  void t1_noTlsListenerByDefault() {
    TlsConfig tls = read(Map.of());
    assertFalse(tls.enabled());
    assertFalse(tls.redirectHttp());
  }

  @Test
  void t1_pemFilesOnAPortMakeAListenerWithTheIntermediateProfile() throws IOException {
    TlsConfig tls = read(withPemFiles());
    assertTrue(tls.enabled());
    assertEquals(8443, tls.port());
    assertEquals(java.util.List.of("TLSv1.3", "TLSv1.2"), tls.settings().orElseThrow().protocols());
    assertTrue(tls.settings().orElseThrow().http2());
  }

  @ParameterizedTest(name = "{0}={1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "fleetgate.tls.protocols|TLSv1.1,TLSv1.2|'TLSv1.1' is not one of",
        "fleetgate.tls.ciphers|TLS_AES_128_GCM_SHA256,TLS_NOT_A_CIPHER|no cipher suite [TLS_NOT_A_CIPHER]",
        "fleetgate.tls.http2|yes|must be true or false",
        "fleetgate.tls.watch-interval|soon|fleetgate.tls.watch-interval",
        "fleetgate.tls.port|70000|must be between 0 and 65535",
        "fleetgate.tls.keystore|/etc/server.p12|no such file"
      })
  void t2_aBadValueIsRefusedWithItsKey(String key, String value, String problem)
      throws IOException {
    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, () -> read(withPemFiles(key, value)));
    assertEquals(key, e.key());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void t2_pemFilesAndAKeystoreTogetherAreRefused() throws IOException {
    Path keystore = Files.writeString(dir.resolve("s.p12"), "x");
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> read(withPemFiles("fleetgate.tls.keystore", keystore.toString())));
    assertTrue(e.getMessage().contains("not both"), e.getMessage());
  }

  @Test
  void t2_aPortWithoutACertificateAndACertificateWithoutAPortAreRefused() throws IOException {
    InvalidConfigurationException noCertificate =
        assertThrows(
            InvalidConfigurationException.class, () -> read(Map.of("fleetgate.tls.port", "8443")));
    assertEquals("fleetgate.tls.certificate", noCertificate.key());
    Map<String, String> noPort = withPemFiles("fleetgate.tls.port", "0");
    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, () -> read(noPort));
    assertTrue(e.getMessage().contains("fleetgate.tls.port is 0"), e.getMessage());
    InvalidConfigurationException redirect =
        assertThrows(
            InvalidConfigurationException.class,
            () -> read(Map.of("fleetgate.tls.redirect-http", "true")));
    assertEquals("fleetgate.tls.redirect-http", redirect.key());
  }

  @Test
  void t2_aMissingPemFileIsNamed() {
    Map<String, String> settings =
        Map.of(
            "fleetgate.tls.port", "8443",
            "fleetgate.tls.certificate", dir.resolve("missing.pem").toString(),
            "fleetgate.tls.key", dir.resolve("missing-key.pem").toString());
    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, () -> read(settings));
    assertEquals("fleetgate.tls.certificate", e.key());
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }

  @Test
  void t7_healthStaysOnPlainHttp() {
    assertTrue(HttpsRedirect.isHealth("/health"));
    assertTrue(HttpsRedirect.isHealth("/health/ready"));
    assertFalse(HttpsRedirect.isHealth("/healthy"));
    assertFalse(HttpsRedirect.isHealth("/api/health"));
  }
}

package dev.fleetgate.proxy.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R1: the TLS version of the access log's {@code tls} field, told by the cipher suite. */
class TlsVersionTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "TLS_AES_128_GCM_SHA256, TLSv1.3",
    "TLS_AES_256_GCM_SHA384, TLSv1.3",
    "TLS_CHACHA20_POLY1305_SHA256, TLSv1.3",
    "TLS_AES_128_CCM_SHA256, TLSv1.3",
    "TLS_AES_128_CCM_8_SHA256, TLSv1.3",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLSv1.2",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, TLSv1.2",
    "TLS_RSA_WITH_AES_256_GCM_SHA384, TLSv1.2"
  })
  void r1_theSuiteTellsTheVersion(String suite, String version) {
    assertEquals(version, TlsVersion.of(true, suite));
  }

  @ParameterizedTest(name = "secure={0}, suite={1}")
  @CsvSource({"false, TLS_AES_128_GCM_SHA256", "false,", "true,"})
  void r1_aConnectionWithoutTlsHasNone(boolean secure, String suite) {
    assertNull(TlsVersion.of(secure, suite));
  }
}

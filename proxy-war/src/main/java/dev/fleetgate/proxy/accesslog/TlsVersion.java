package dev.fleetgate.proxy.accesslog;

import java.util.Set;

/**
 * The TLS version of a connection, told by its cipher suite (R1): the servlet API gives the suite
 * ({@code jakarta.servlet.request.cipher_suite}) but not the protocol. TLS 1.3 has suites of its
 * own (RFC 8446, B.4) that no earlier version uses; every other suite is taken for TLS 1.2, the
 * only other version the listener enables.
 */
public final class TlsVersion {
  private static final Set<String> TLS_1_3_SUITES =
      Set.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_AES_128_CCM_SHA256",
          "TLS_AES_128_CCM_8_SHA256");

  private TlsVersion() {}

  /**
   * @param secure whether the request came over TLS
   * @param cipherSuite the connection's cipher suite, as JSSE names it, or null
   * @return {@code TLSv1.3}, {@code TLSv1.2}, or null for a connection without TLS
   */
  public static String of(boolean secure, String cipherSuite) {
    if (!secure || cipherSuite == null) {
      return null;
    }
    return TLS_1_3_SUITES.contains(cipherSuite) ? "TLSv1.3" : "TLSv1.2";
  }
}

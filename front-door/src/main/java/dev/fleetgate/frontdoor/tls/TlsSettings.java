package dev.fleetgate.frontdoor.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the front door's certificate comes from and what it offers (T1–T5), as read from {@code
 * fleetgate.tls.*}. Either the two PEM files or the PKCS#12 keystore are set, never both.
 *
 * @param certificate the PEM certificate chain, leaf first ({@code fleetgate.tls.certificate})
 * @param key the PEM private key: PKCS#8, PKCS#1 RSA or SEC1 EC ({@code fleetgate.tls.key})
 * @param keystore a PKCS#12 keystore holding one key and its chain ({@code fleetgate.tls.keystore})
 * @param keystorePassword its password ({@code fleetgate.tls.keystore-password})
 * @param protocols the TLS versions offered, a subset of TLSv1.3 and TLSv1.2
 * @param ciphers the cipher suites offered, in the JDK's names
 * @param http2 whether ALPN offers {@code h2} beside {@code http/1.1}
 * @param watchInterval how often the files are looked at for a renewal (at most once per interval,
 *     when a connection arrives); zero never
 */
public record TlsSettings(
    Optional<Path> certificate,
    Optional<Path> key,
    Optional<Path> keystore,
    String keystorePassword,
    List<String> protocols,
    List<String> ciphers,
    boolean http2,
    Duration watchInterval) {

  /** The configuration keys, named in every message about the files. */
  public static final String CERTIFICATE_KEY = "fleetgate.tls.certificate";

  public static final String KEY_KEY = "fleetgate.tls.key";
  public static final String KEYSTORE_KEY = "fleetgate.tls.keystore";
  public static final String KEYSTORE_PASSWORD_KEY = "fleetgate.tls.keystore-password";

  /** TLS 1.2 and 1.3 only, as Mozilla's "intermediate" profile. */
  public static final List<String> SUPPORTED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /**
   * Mozilla's "intermediate" cipher list (version 5.7), in the JDK's names: AEAD suites with
   * forward secrecy only.
   */
  public static final List<String> INTERMEDIATE_CIPHERS =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  public TlsSettings {
    protocols = List.copyOf(protocols);
    ciphers = List.copyOf(ciphers);
  }

  /** The files whose change means a renewal. */
  List<Path> watchedFiles() {
    return keystore.map(List::of).orElseGet(() -> List.of(certificate.get(), key.get()));
  }
}

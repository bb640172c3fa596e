package dev.fleetgate.frontdoor.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsTest {
  @TempDir Path dir;
  private final AtomicLong clock = new AtomicLong();

  private TlsSettings settings(Path certificate, Path key) {
    return new TlsSettings(
        Optional.of(certificate),
        Optional.of(key),
        Optional.empty(),
        "",
        List.of("TLSv1.3", "TLSv1.2"),
        TlsSettings.INTERMEDIATE_CIPHERS,
        true,
        Duration.ofSeconds(5));
  }

  @Test
  void engineOffersOnlyTheConfiguredVersionsAndCiphers() throws Exception {
    Path certificate = dir.resolve("c.pem");
    Path key = dir.resolve("k.pem");
    Openssl.selfSigned(certificate, key, "rsa:2048");
    SSLEngine engine = ServerTls.load(settings(certificate, key), clock::get).newEngine();
    assertFalse(engine.getUseClientMode());
    assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, engine.getEnabledProtocols());
    assertEquals(
        List.copyOf(TlsSettings.INTERMEDIATE_CIPHERS), List.of(engine.getEnabledCipherSuites()));
  }

  @Test
  void aRenewedCertificateServesNewConnectionsAfterTheWatchInterval() throws Exception {
    Path certificate = dir.resolve("c.pem");
    Path key = dir.resolve("k.pem");
    Openssl.selfSigned(certificate, key, "rsa:2048");
    ServerTls tls = ServerTls.load(settings(certificate, key), clock::get);
    String first = tls.description();

    // certbot's way: new files beside, then the names moved over them.
    Path newCertificate = dir.resolve("c2.pem");
    Path newKey = dir.resolve("k2.pem");
    Openssl.selfSigned(newCertificate, newKey, "rsa:2048");
    Files.move(newKey, key, StandardCopyOption.REPLACE_EXISTING);
    Files.move(newCertificate, certificate, StandardCopyOption.REPLACE_EXISTING);

    tls.newEngine();
    assertEquals(first, tls.description(), "not looked at before the interval");
    clock.addAndGet(Duration.ofSeconds(6).toNanos());
    tls.newEngine();
    assertNotEquals(first, tls.description(), "the renewed certificate is in use");
  }

  @Test
  void aRenewalThatDoesNotLoadKeepsTheCertificateInUse() throws Exception {
    Path certificate = dir.resolve("c.pem");
    Path key = dir.resolve("k.pem");
    Openssl.selfSigned(certificate, key, "rsa:2048");
    ServerTls tls = ServerTls.load(settings(certificate, key), clock::get);
    String first = tls.description();

    // Only the certificate renewed so far: it does not match the old key.
    Openssl.selfSigned(certificate, dir.resolve("not-yet.pem"), "rsa:2048");
    assertFalse(tls.reloadIfChanged());
    assertEquals(first, tls.description());
    assertTrue(tls.newEngine() != null, "connections are still served");
  }
}

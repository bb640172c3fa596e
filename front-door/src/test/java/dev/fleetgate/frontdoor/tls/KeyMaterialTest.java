package dev.fleetgate.frontdoor.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyMaterialTest {
  @TempDir static Path dir;
  static Path rsaCert;
  static Path rsaPkcs8;
  static Path ecCert;
  static Path ecPkcs8;

  @BeforeAll
  static void makeCertificates() {
    rsaCert = dir.resolve("rsa.crt");
    rsaPkcs8 = dir.resolve("rsa.key");
    Openssl.selfSigned(rsaCert, rsaPkcs8, "rsa:2048");
    ecCert = dir.resolve("ec.crt");
    ecPkcs8 = dir.resolve("ec.key");
    Openssl.run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "30",
        "-subj",
        "/CN=localhost",
        "-keyout",
        ecPkcs8.toString(),
        "-out",
        ecCert.toString());
  }

  @Test
  void readsAPkcs8RsaKeyWithItsCertificate() throws Exception {
    KeyMaterial material = KeyMaterial.fromPem(rsaCert, rsaPkcs8);
    assertEquals("RSA", material.key().getAlgorithm());
    assertTrue(material.describe().contains("CN=localhost"));
  }

  @Test
  void readsAPkcs1RsaKeyAsOpensslTraditionalWritesIt() throws Exception {
    Path pkcs1 = dir.resolve("rsa-pkcs1.key");
    Openssl.run(
        "openssl", "rsa", "-in", rsaPkcs8.toString(), "-traditional", "-out", pkcs1.toString());
    assertTrue(Files.readString(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    assertEquals("RSA", KeyMaterial.fromPem(rsaCert, pkcs1).key().getAlgorithm());
  }

  @Test
  void readsAnEcKeyInBothForms() throws Exception {
    assertEquals("EC", KeyMaterial.fromPem(ecCert, ecPkcs8).key().getAlgorithm());
    Path sec1 = dir.resolve("ec-sec1.key");
    Openssl.run("openssl", "ec", "-in", ecPkcs8.toString(), "-out", sec1.toString());
    assertTrue(Files.readString(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----"));
    assertEquals("EC", KeyMaterial.fromPem(ecCert, sec1).key().getAlgorithm());
  }

  @Test
  void readsAPkcs12KeystoreWithItsPassword() throws Exception {
    Path p12 = dir.resolve("server.p12");
    Openssl.run(
        "openssl",
        "pkcs12",
        "-export",
        "-in",
        rsaCert.toString(),
        "-inkey",
        rsaPkcs8.toString(),
        "-out",
        p12.toString(),
        "-passout",
        "pass:changeit");
    KeyMaterial material = KeyMaterial.fromKeystore(p12, "changeit");
    assertEquals(1, material.chain().size());
  }

  @Test
  void refusesAKeyThatDoesNotMatchTheCertificate() {
    TlsFileException e =
        assertThrows(TlsFileException.class, () -> KeyMaterial.fromPem(rsaCert, ecPkcs8));
    assertEquals(TlsSettings.KEY_KEY, e.key());
    assertEquals(ecPkcs8, e.file());
    assertTrue(e.problem().contains("does not match the certificate"), e.getMessage());
    assertTrue(e.problem().contains(rsaCert.toString()), e.getMessage());
  }

  @Test
  void refusesAWrongKeystorePassword() throws Exception {
    Path p12 = dir.resolve("other.p12");
    Openssl.run(
        "openssl",
        "pkcs12",
        "-export",
        "-in",
        ecCert.toString(),
        "-inkey",
        ecPkcs8.toString(),
        "-out",
        p12.toString(),
        "-passout",
        "pass:right");
    TlsFileException e =
        assertThrows(TlsFileException.class, () -> KeyMaterial.fromKeystore(p12, "wrong"));
    assertEquals(TlsSettings.KEYSTORE_KEY, e.key());
    assertTrue(e.problem().contains("password"), e.getMessage());
  }

  @Test
  void refusesAnEncryptedKeyWithTheCommandThatDecryptsIt() throws Exception {
    Path encrypted = dir.resolve("encrypted.key");
    Openssl.run(
        "openssl",
        "pkey",
        "-in",
        rsaPkcs8.toString(),
        "-aes256",
        "-passout",
        "pass:secret",
        "-out",
        encrypted.toString());
    TlsFileException e =
        assertThrows(TlsFileException.class, () -> KeyMaterial.fromPem(rsaCert, encrypted));
    assertTrue(e.problem().contains("encrypted"), e.getMessage());
  }

  @Test
  void refusesFilesThatAreNotPem() throws Exception {
    Path der = dir.resolve("cert.der");
    Openssl.run(
        "openssl", "x509", "-in", rsaCert.toString(), "-outform", "DER", "-out", der.toString());
    TlsFileException notPem =
        assertThrows(TlsFileException.class, () -> KeyMaterial.fromPem(der, rsaPkcs8));
    assertEquals(TlsSettings.CERTIFICATE_KEY, notPem.key());
    TlsFileException certificateAsKey =
        assertThrows(TlsFileException.class, () -> KeyMaterial.fromPem(rsaCert, rsaCert));
    assertEquals(TlsSettings.KEY_KEY, certificateAsKey.key());
    assertTrue(certificateAsKey.problem().contains("no PEM private key"));
  }

  @Test
  void refusesAMissingFileNamingIt() {
    Path missing = dir.resolve("missing.pem");
    TlsFileException e =
        assertThrows(TlsFileException.class, () -> KeyMaterial.fromPem(missing, rsaPkcs8));
    assertEquals(missing, e.file());
  }
}

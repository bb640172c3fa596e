package dev.fleetgate.frontdoor.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The server's private key and certificate chain, read from the configured files and proven to
 * belong together (T1, T2): a key that does not sign for the certificate's public key, a file that
 * is not what its key says, an expired certificate or an encrypted key refuses the start, naming
 * the key and the file.
 *
 * @param key the private key
 * @param chain the chain, leaf first
 */
record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

  KeyMaterial {
    chain = List.copyOf(chain);
  }

  X509Certificate leaf() {
    return chain.get(0);
  }

  /** One line for the log: whose certificate, which serial, until when. */
  String describe() {
    X509Certificate leaf = leaf();
    return leaf.getSubjectX500Principal().getName()
        + ", serial "
        + leaf.getSerialNumber().toString(16)
        + ", valid until "
        + leaf.getNotAfter().toInstant();
  }

  /** The key and chain the settings name, checked. */
  static KeyMaterial load(TlsSettings settings) throws TlsFileException {
    KeyMaterial material =
        settings.keystore().isPresent()
            ? fromKeystore(settings.keystore().get(), settings.keystorePassword())
            : fromPem(settings.certificate().get(), settings.key().get());
    Path named = settings.keystore().orElseGet(() -> settings.certificate().get());
    String key =
        settings.keystore().isPresent() ? TlsSettings.KEYSTORE_KEY : TlsSettings.CERTIFICATE_KEY;
    try {
      material.leaf().checkValidity();
    } catch (CertificateException e) {
      throw new TlsFileException(
          key, named, "the certificate is not valid now: " + e.getMessage(), e);
    }
    return material;
  }

  static KeyMaterial fromPem(Path certificateFile, Path keyFile) throws TlsFileException {
    List<X509Certificate> chain = readChain(certificateFile);
    PrivateKey key = readKey(keyFile);
    if (!signsFor(key, chain.get(0))) {
      throw new TlsFileException(
          TlsSettings.KEY_KEY,
          keyFile,
          "the key does not match the certificate in "
              + TlsSettings.CERTIFICATE_KEY
              + " ("
              + certificateFile
              + ")");
    }
    return new KeyMaterial(key, chain);
  }

  static KeyMaterial fromKeystore(Path file, String password) throws TlsFileException {
    String key = TlsSettings.KEYSTORE_KEY;
    KeyStore store;
    try {
      store = KeyStore.getInstance(file.toFile(), password.toCharArray());
    } catch (IOException e) {
      String problem =
          e.getCause() instanceof java.security.UnrecoverableKeyException
                  || String.valueOf(e.getMessage()).contains("password")
              ? "wrong password (" + TlsSettings.KEYSTORE_PASSWORD_KEY + ")"
              : "cannot read it as a PKCS#12 keystore: " + e.getMessage();
      throw new TlsFileException(key, file, problem, e);
    } catch (GeneralSecurityException e) {
      throw new TlsFileException(key, file, "cannot read it as a PKCS#12 keystore: " + e, e);
    } catch (IllegalArgumentException e) {
      throw new TlsFileException(key, file, "no such readable file", e);
    }
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          PrivateKey privateKey = (PrivateKey) store.getKey(alias, password.toCharArray());
          Certificate[] certificates = store.getCertificateChain(alias);
          if (certificates == null || certificates.length == 0) {
            throw new TlsFileException(key, file, "its key '" + alias + "' has no certificate");
          }
          List<X509Certificate> chain = new ArrayList<>();
          for (Certificate c : certificates) {
            chain.add((X509Certificate) c);
          }
          return new KeyMaterial(privateKey, chain);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new TlsFileException(key, file, "cannot read its key: " + e.getMessage(), e);
    }
    throw new TlsFileException(key, file, "it holds no private key");
  }

  private static List<X509Certificate> readChain(Path file) throws TlsFileException {
    String key = TlsSettings.CERTIFICATE_KEY;
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Pem.Block block : Pem.blocks(read(key, file))) {
        if (block.label().equals("CERTIFICATE")) {
          chain.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new TlsFileException(key, file, "not a valid PEM certificate: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new TlsFileException(
          key, file, "no PEM certificate in it (-----BEGIN CERTIFICATE-----)");
    }
    return chain;
  }

  private static PrivateKey readKey(Path file) throws TlsFileException {
    String key = TlsSettings.KEY_KEY;
    for (Pem.Block block : Pem.blocks(read(key, file))) {
      byte[] pkcs8;
      switch (block.label()) {
        case "PRIVATE KEY" -> pkcs8 = block.der();
        case "RSA PRIVATE KEY" ->
            pkcs8 = block.legacyEncrypted() ? null : Pem.pkcs8FromPkcs1(block.der());
        case "EC PRIVATE KEY" ->
            pkcs8 = block.legacyEncrypted() ? null : safeSec1(key, file, block);
        case "ENCRYPTED PRIVATE KEY" -> pkcs8 = null;
        default -> {
          continue; // EC PARAMETERS and the like, written beside the key by openssl
        }
      }
      if (pkcs8 == null) {
        throw new TlsFileException(
            key,
            file,
            "the key is encrypted; write it decrypted (openssl pkey -in KEY -out KEY) and keep"
                + " the file readable by Fleetgate alone");
      }
      return privateKey(key, file, pkcs8);
    }
    throw new TlsFileException(
        key, file, "no PEM private key in it (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
  }

  private static byte[] safeSec1(String key, Path file, Pem.Block block) throws TlsFileException {
    try {
      return Pem.pkcs8FromSec1(block.der());
    } catch (IllegalArgumentException e) {
      throw new TlsFileException(key, file, "not a valid EC key: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(String key, Path file, byte[] pkcs8)
      throws TlsFileException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException notThisOne) {
        // the next algorithm
      }
    }
    throw new TlsFileException(key, file, "not a private key the JDK can use (RSA, EC, EdDSA)");
  }

  /** True when {@code key} signs what the certificate's public key verifies. */
  private static boolean signsFor(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA", "RSASSA-PSS" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 sign as themselves
        };
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException differentKinds) {
      return false;
    }
  }

  private static String read(String key, Path file) throws TlsFileException {
    try {
      // Latin-1 reads any bytes: a DER or binary file is then reported as holding no PEM block.
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new TlsFileException(key, file, "cannot read it: " + e, e);
    }
  }
}

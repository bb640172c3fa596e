package dev.fleetgate.frontdoor.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Certificates made as people make them, with the openssl command line. */
final class Openssl {
  private Openssl() {}

  /**
   * A self-signed certificate for 127.0.0.1 and its key, in the key form openssl writes by default.
   */
  static void selfSigned(Path certificate, Path key, String algorithm) {
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        algorithm,
        "-nodes",
        "-days",
        "30",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        key.toString(),
        "-out",
        certificate.toString());
  }

  static void run(String... command) {
    try {
      Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("openssl is needed by this test", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package dev.fleetgate.frontdoor.tls;

import java.nio.file.Path;

/**
 * A certificate, key or keystore that cannot serve: the message names the configuration key and the
 * file, so that a refused start says which setting to fix (T2).
 */
public final class TlsFileException extends Exception {
  private final String key;
  private final Path file;
  private final String problem;

  TlsFileException(String key, Path file, String problem) {
    super(key + " (" + file + "): " + problem);
    this.key = key;
    this.file = file;
    this.problem = problem;
  }

  TlsFileException(String key, Path file, String problem, Throwable cause) {
    this(key, file, problem);
    initCause(cause);
  }

  /** The configuration key whose file is wrong. */
  public String key() {
    return key;
  }

  public Path file() {
    return file;
  }

  /** What is wrong with it, without the key and the file. */
  public String problem() {
    return problem;
  }
}

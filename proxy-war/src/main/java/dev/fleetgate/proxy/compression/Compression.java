package dev.fleetgate.proxy.compression;

/** What the proxy does to one answer's body, as {@link CompressionPolicy} decides (R1–R3). */
public enum Compression {
  /** Sent as the worker sent it, headers untouched. */
  NONE,
  /**
   * Sent as the worker sent it, with {@code Vary: Accept-Encoding}: a client that takes gzip gets
   * this answer compressed, so a cache must tell the two apart.
   */
  VARY,
  /** Compressed with gzip as it streams, with {@code Vary: Accept-Encoding}. */
  GZIP
}

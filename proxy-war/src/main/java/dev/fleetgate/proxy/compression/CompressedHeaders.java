package dev.fleetgate.proxy.compression;

import java.util.List;

/**
 * What changes in a worker's headers when the proxy compresses its answer, or may compress it for
 * another client (R3), as nginx's gzip filter changes them.
 */
public final class CompressedHeaders {
  private CompressedHeaders() {}

  /**
   * True for a worker header a compressed answer does not pass on: {@code Content-Length} (the body
   * goes chunked), {@code Content-Encoding} (gzip now), {@code Accept-Ranges} (ranges of the
   * compressed body are not served) and {@code ETag} (weakened, {@link #weakEtag}).
   */
  public static boolean replaced(String name) {
    return name.equalsIgnoreCase("content-length")
        || name.equalsIgnoreCase("content-encoding")
        || name.equalsIgnoreCase("accept-ranges")
        || name.equalsIgnoreCase("etag");
  }

  /**
   * The {@code Vary} an answer that depends on {@code Accept-Encoding} gets, given the worker's:
   * its names with {@code Accept-Encoding} added, in one header.
   *
   * @return null when the worker's already covers it ({@code *} or {@code Accept-Encoding} named)
   */
  public static String vary(List<String> workerValues) {
    StringBuilder merged = new StringBuilder();
    for (String value : workerValues) {
      for (String name : value.split(",")) {
        String trimmed = name.trim();
        if (trimmed.equals("*") || trimmed.equalsIgnoreCase("accept-encoding")) {
          return null;
        }
        if (!trimmed.isEmpty()) {
          merged.append(trimmed).append(", ");
        }
      }
    }
    return merged.append("Accept-Encoding").toString();
  }

  /**
   * The worker's entity tag for the compressed body: weak ({@code W/"…"}), since the bytes differ
   * from those the worker's strong tag names, yet the same content still revalidates (a worker
   * compares {@code If-None-Match} weakly, RFC 9110 §13.1.2). Kept rather than dropped so that
   * conditional requests keep saving the body.
   *
   * @return null for a value that is no entity tag (dropped, as nginx does)
   */
  public static String weakEtag(String etag) {
    String trimmed = etag.trim();
    if (trimmed.startsWith("W/")) {
      return trimmed;
    }
    return trimmed.startsWith("\"") ? "W/" + trimmed : null;
  }
}

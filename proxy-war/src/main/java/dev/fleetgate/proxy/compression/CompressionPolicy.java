package dev.fleetgate.proxy.compression;

import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code fleetgate.proxy.gzip*} settings, read and checked once (R4), and the decision they
 * make for each answer (R1, R2) from the request's and the worker's heads alone: no servlet type,
 * so {@code fleetgate check} reads the same settings on a plain JDK.
 */
public final class CompressionPolicy {
  static final String ENABLED = "fleetgate.proxy.gzip";
  static final String TYPES = "fleetgate.proxy.gzip-types";
  static final String MIN_LENGTH = "fleetgate.proxy.gzip-min-length";
  static final String LEVEL = "fleetgate.proxy.gzip-level";

  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+");
  private static final String EVENT_STREAM = "text/event-stream";

  private final boolean enabled;
  private final Set<String> types;
  private final boolean anyType;
  private final long minLength;
  private final int level;

  CompressionPolicy(
      boolean enabled, Set<String> types, boolean anyType, long minLength, int level) {
    this.enabled = enabled;
    this.types = Set.copyOf(types);
    this.anyType = anyType;
    this.minLength = minLength;
    this.level = level;
  }

  /** Reads and checks the four settings; a bad value names its key. */
  public static CompressionPolicy read(ConfigValues values) {
    String rawTypes = values.required(TYPES);
    Set<String> types = new HashSet<>();
    boolean anyType = false;
    for (String entry : rawTypes.split(",")) {
      String type = entry.trim().toLowerCase(Locale.ROOT);
      if (type.equals("*")) {
        anyType = true;
      } else if (MEDIA_TYPE.matcher(type).matches()) {
        types.add(type);
      } else {
        throw new InvalidConfigurationException(
            TYPES, rawTypes, "'" + entry.trim() + "' is not a media type such as text/html, or *");
      }
    }
    return new CompressionPolicy(
        values.bool(ENABLED), types, anyType, values.size(MIN_LENGTH), values.integer(LEVEL, 1, 9));
  }

  public boolean enabled() {
    return enabled;
  }

  public int level() {
    return level;
  }

  /** An encoder at the configured level, for one answer. */
  public GzipEncoder encoder() {
    return new GzipEncoder(level);
  }

  /**
   * What happens to one answer's body.
   *
   * @param method the request's method
   * @param protocol the request's protocol, {@code HTTP/1.1}
   * @param acceptEncoding the request's {@code Accept-Encoding} headers
   * @param status the worker's status
   * @param answer the worker's headers by lower-case name, every value (none: an empty list)
   */
  public Compression decide(
      String method,
      String protocol,
      Enumeration<String> acceptEncoding,
      int status,
      Function<String, List<String>> answer) {
    if (!enabled || !hasBody(method, status) || !compressible(status, answer)) {
      return Compression.NONE;
    }
    // From here the body would be compressed for some client: whether for this one is the
    // request's say, so the answer varies by it.
    return chunkable(protocol) && AcceptEncoding.takesGzip(acceptEncoding)
        ? Compression.GZIP
        : Compression.VARY;
  }

  /** HEAD, 1xx, 204, 205 and 304 answers have no body to compress (nor does nginx vary them). */
  private static boolean hasBody(String method, int status) {
    return !method.equals("HEAD")
        && status >= 200
        && status != 204
        && status != 205
        && status != 304;
  }

  /**
   * An HTTP/1.0 client cannot take a chunked body, and a compressed body's length is known only at
   * its end: it would cost the connection (nginx's {@code gzip_http_version 1.1}).
   */
  private static boolean chunkable(String protocol) {
    return !protocol.equals("HTTP/1.0") && !protocol.equals("HTTP/0.9");
  }

  private boolean compressible(int status, Function<String, List<String>> answer) {
    // A part of a body (206, or any answer with Content-Range) keeps the worker's byte offsets.
    return status != 206
        && answer.apply("content-range").isEmpty()
        && identity(answer.apply("content-encoding"))
        && typeListed(first(answer.apply("content-type")))
        && !noTransform(answer.apply("cache-control"))
        && longEnough(first(answer.apply("content-length")));
  }

  /** True when the worker applied no coding of its own: the body and its Vary are its business. */
  private static boolean identity(List<String> codings) {
    for (String value : codings) {
      for (String coding : value.split(",")) {
        String trimmed = coding.trim();
        if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("identity")) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The media type without parameters, case-insensitive, is listed (or {@code *} is). Server-sent
   * events never are: a stream that lives for hours would hold a deflater (about 256 KiB of native
   * memory) all that time, to gain little on events flushed one by one.
   */
  private boolean typeListed(String contentType) {
    String type = contentType == null ? "" : mediaType(contentType);
    return !type.equals(EVENT_STREAM) && (anyType || types.contains(type));
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /** The worker forbade changes on the way ({@code Cache-Control: no-transform}, RFC 9111). */
  private static boolean noTransform(List<String> cacheControl) {
    for (String value : cacheControl) {
      for (String directive : value.split(",")) {
        if (directive.trim().equalsIgnoreCase("no-transform")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * As nginx's {@code gzip_min_length}: only a length known to be below the minimum leaves the body
   * alone; an unknown one (chunked, or until the close) is compressed.
   */
  private boolean longEnough(String contentLength) {
    if (contentLength == null) {
      return true;
    }
    try {
      return Long.parseLong(contentLength.trim()) >= minLength;
    } catch (NumberFormatException notALength) {
      return true; // the worker's framing was checked before: nothing reaches here
    }
  }

  private static String first(List<String> values) {
    return values.isEmpty() ? null : values.get(0);
  }
}

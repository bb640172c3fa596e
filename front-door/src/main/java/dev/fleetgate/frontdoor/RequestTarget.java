package dev.fleetgate.frontdoor;

/**
 * The path checks of a request target (F4): no dot segment and no encoded slash or backslash, in
 * any spelling. A front end that routes by prefix sees {@code /app/..%2fadmin} under {@code /app};
 * the container would decode and resolve it to {@code /admin}. nginx normalises such paths before
 * it routes; refusing them is the other way RFC 3986 leaves, and the one that cannot be got wrong.
 */
public final class RequestTarget {
  private RequestTarget() {}

  /**
   * Why a target as a servlet sees it (path and query, not decoded) is refused, as {@code bad
   * request: ...}, or null. For the proxy's HTTP/2 requests, which arrive as fields and never pass
   * the front door's byte checks.
   */
  public static String refusal(String target) {
    if (target.isEmpty()) {
      return null;
    }
    byte[] bytes = target.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Refusal refusal = check(bytes, 0, bytes.length);
    return refusal == null ? null : refusal.reason();
  }

  /** Why the target {@code bytes[from, to)} is refused, or null when its path is safe. */
  static Refusal check(byte[] bytes, int from, int to) {
    int pathStart = from;
    if (bytes[from] != '/') {
      int authority = indexOf(bytes, from, to, "://");
      if (authority < 0) {
        return null; // "*" or an authority-form: the proxy answers those itself
      }
      pathStart = indexOf(bytes, authority + 3, to, "/");
      if (pathStart < 0) {
        return null;
      }
    }
    int pathEnd = pathStart;
    while (pathEnd < to && bytes[pathEnd] != '?' && bytes[pathEnd] != '#') {
      pathEnd++;
    }
    int segment = pathStart + 1;
    for (int i = pathStart; i < pathEnd; i++) {
      byte c = bytes[i];
      if (c == '\\') {
        return Refusal.badRequest("a backslash in the path");
      }
      if (c == '%') {
        int decoded = i + 2 < pathEnd ? hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]) : -1;
        if (decoded < 0) {
          return Refusal.badRequest("a malformed percent-encoding in the path");
        }
        if (decoded == '/' || decoded == '\\' || decoded == 0) {
          return Refusal.badRequest("an encoded slash, backslash or NUL in the path");
        }
      }
      if (c == '/' && i > pathStart) {
        if (isDotSegment(bytes, segment, i)) {
          return Refusal.badRequest("a dot segment in the path");
        }
        segment = i + 1;
      }
    }
    if (isDotSegment(bytes, segment, pathEnd)) {
      return Refusal.badRequest("a dot segment in the path");
    }
    return null;
  }

  /**
   * True for {@code .} and {@code ..}, each dot also as {@code %2e}, with or without a path
   * parameter ({@code ..;x}), which servlet containers strip before resolving.
   */
  private static boolean isDotSegment(byte[] bytes, int from, int to) {
    int dots = 0;
    int i = from;
    while (i < to && bytes[i] != ';') {
      if (bytes[i] == '.') {
        i++;
      } else if (i + 2 < to
          && bytes[i] == '%'
          && bytes[i + 1] == '2'
          && (bytes[i + 2] == 'e' || bytes[i + 2] == 'E')) {
        i += 3;
      } else {
        return false;
      }
      dots++;
    }
    return dots == 1 || dots == 2;
  }

  static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static int indexOf(byte[] bytes, int from, int to, String text) {
    outer:
    for (int i = from; i + text.length() <= to; i++) {
      for (int k = 0; k < text.length(); k++) {
        if (bytes[i + k] != text.charAt(k)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

package dev.fleetgate.proxy.compression;

import java.util.Enumeration;

/**
 * Whether a client takes gzip, from its {@code Accept-Encoding} (RFC 9110 §12.5.3, R2): {@code
 * gzip} (or its old name {@code x-gzip}) with a weight above 0, or, when gzip is not named, {@code
 * *} with a weight above 0. A weight that is not a valid qvalue counts as 0, as nginx reads it: a
 * client that wrote it wrongly gets the body as it is, never one it may not decode.
 */
final class AcceptEncoding {
  private static final int NOT_NAMED = -1;

  private AcceptEncoding() {}

  /**
   * @param values the request's {@code Accept-Encoding} headers; none: the client asked for no
   *     coding
   */
  static boolean takesGzip(Enumeration<String> values) {
    int gzip = NOT_NAMED;
    int any = NOT_NAMED;
    while (values.hasMoreElements()) {
      for (String element : values.nextElement().split(",")) {
        int semicolon = element.indexOf(';');
        String coding = (semicolon < 0 ? element : element.substring(0, semicolon)).trim();
        if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
          gzip = Math.max(gzip, weight(element, semicolon));
        } else if (coding.equals("*")) {
          any = Math.max(any, weight(element, semicolon));
        }
      }
    }
    return gzip != NOT_NAMED ? gzip > 0 : any > 0;
  }

  /** The element's {@code q} in thousandths: 1000 without one. */
  private static int weight(String element, int semicolon) {
    if (semicolon < 0) {
      return 1000;
    }
    for (String parameter : element.substring(semicolon + 1).split(";")) {
      int equals = parameter.indexOf('=');
      if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("q")) {
        return qvalue(parameter.substring(equals + 1).trim());
      }
    }
    return 1000;
  }

  /** RFC 9110's qvalue in thousandths: {@code 0} to {@code 1}, three decimals at most; else 0. */
  static int qvalue(String text) {
    int length = text.length();
    if (length == 0 || length > 5 || text.charAt(0) != '0' && text.charAt(0) != '1') {
      return 0;
    }
    int value = (text.charAt(0) - '0') * 1000;
    if (length > 1 && text.charAt(1) != '.') {
      return 0;
    }
    for (int i = 2, scale = 100; i < length; i++, scale /= 10) {
      char digit = text.charAt(i);
      if (digit < '0' || digit > '9') {
        return 0;
      }
      value += (digit - '0') * scale;
    }
    return value > 1000 ? 0 : value;
  }
}

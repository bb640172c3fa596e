package dev.fleetgate.frontdoor;

import java.nio.charset.StandardCharsets;

/**
 * What one request head says about its framing, header by header, and the verdict at its end (F1,
 * F5): {@code Content-Length} and {@code Transfer-Encoding} never together, only {@code chunked},
 * one {@code Host} (required in HTTP/1.1), no {@code Expect: 100-continue} over the body limit.
 * Reset and reused for each head of a connection.
 */
final class HeadFraming {
  private boolean http11;
  private long contentLength = -1;
  private int transferEncodings;
  private boolean chunked;
  private int hosts;
  private boolean expectsContinue;
  private boolean upgradeNamed;
  private boolean connectionUpgrade;

  void version(boolean http11) {
    this.http11 = http11;
  }

  /**
   * Takes one header line: name {@code line[0, nameLength)}, value {@code line[start, end)}.
   *
   * @return why the request is refused, or null
   */
  Refusal field(byte[] line, int nameLength, int start, int end) {
    if (nameIs(line, nameLength, "content-length")) {
      if (start == end || end - start > 18) {
        return Refusal.badRequest("a malformed Content-Length");
      }
      long length = 0;
      for (int i = start; i < end; i++) {
        if (!RequestStream.isDigit(line[i])) {
          return Refusal.badRequest("a malformed Content-Length");
        }
        length = length * 10 + (line[i] - '0');
      }
      if (contentLength >= 0 && contentLength != length) {
        return Refusal.badRequest("two different Content-Length values");
      }
      contentLength = length;
    } else if (nameIs(line, nameLength, "transfer-encoding")) {
      transferEncodings++;
      chunked = valueIs(line, start, end, "chunked");
    } else if (nameIs(line, nameLength, "host")) {
      hosts++;
    } else if (nameIs(line, nameLength, "expect")) {
      expectsContinue = valueIs(line, start, end, "100-continue");
    } else if (nameIs(line, nameLength, "upgrade")) {
      upgradeNamed = end > start;
    } else if (nameIs(line, nameLength, "connection")) {
      connectionUpgrade |= hasToken(line, start, end, "upgrade");
    }
    return null;
  }

  /** At the head's end: why it is refused, or null when its body can be framed. */
  Refusal verdict(long maxBodySize) {
    if (transferEncodings > 0) {
      if (contentLength >= 0) {
        return Refusal.badRequest("both Content-Length and Transfer-Encoding");
      }
      if (!http11) {
        return Refusal.badRequest("Transfer-Encoding in an HTTP/1.0 request");
      }
      if (transferEncodings > 1 || !chunked) {
        return new Refusal(501, "not implemented: only Transfer-Encoding: chunked is understood");
      }
    }
    if (hosts > 1) {
      return Refusal.badRequest("more than one Host");
    }
    if (http11 && hosts == 0) {
      return Refusal.badRequest("an HTTP/1.1 request without Host");
    }
    if (expectsContinue && maxBodySize > 0 && contentLength > maxBodySize) {
      return new Refusal(413, "content too large: the declared body is over the limit");
    }
    return null;
  }

  boolean chunked() {
    return chunked;
  }

  /** The declared length, or -1 without one. */
  long contentLength() {
    return contentLength;
  }

  /** {@code Upgrade} named, and {@code upgrade} among the {@code Connection} tokens. */
  boolean upgradeAsked() {
    return upgradeNamed && connectionUpgrade;
  }

  void reset() {
    http11 = false;
    contentLength = -1;
    transferEncodings = 0;
    chunked = false;
    hosts = 0;
    expectsContinue = false;
    upgradeNamed = false;
    connectionUpgrade = false;
  }

  private static boolean nameIs(byte[] line, int nameLength, String lowerCaseName) {
    if (nameLength != lowerCaseName.length()) {
      return false;
    }
    for (int i = 0; i < nameLength; i++) {
      if ((line[i] | 0x20) != lowerCaseName.charAt(i) && line[i] != lowerCaseName.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean valueIs(byte[] line, int start, int end, String lowerCaseValue) {
    return end - start == lowerCaseValue.length()
        && new String(line, start, end - start, StandardCharsets.ISO_8859_1)
            .equalsIgnoreCase(lowerCaseValue);
  }

  private static boolean hasToken(byte[] line, int start, int end, String lowerCaseToken) {
    for (String token :
        new String(line, start, end - start, StandardCharsets.ISO_8859_1).split(",")) {
      if (token.strip().equalsIgnoreCase(lowerCaseToken)) {
        return true;
      }
    }
    return false;
  }
}

package dev.fleetgate.frontdoor;

/**
 * One connection's requests, read byte by byte the way a strict HTTP/1.1 server frames them, so
 * that whatever another hop could frame differently is refused before the container parses it
 * (F1–F5). It follows each request to its end (a {@code Content-Length} body, or chunks and
 * trailers) to know where the next head begins. Pure: bytes in, a verdict out; one instance per
 * connection, fed by one thread at a time.
 */
final class RequestStream {
  /**
   * A head line longer than this is refused with 431 (the container's own head buffer is 8 KiB).
   */
  static final int MAX_LINE = 16 * 1024;

  /** A whole head longer than this is refused with 431. */
  static final int MAX_HEAD = 64 * 1024;

  private static final int MAX_CHUNK_LINE = 4096;

  private enum Phase {
    HEAD,
    FIXED_BODY,
    CHUNK_LINE,
    CHUNK_DATA,
    CHUNK_DATA_CR,
    CHUNK_DATA_LF,
    TRAILERS
  }

  private final long maxBodySize;

  private Phase phase = Phase.HEAD;
  private long remaining;
  private byte[] line = new byte[128];
  private int lineLength;
  private boolean afterCr;
  private int headsCompleted;
  private boolean upgradeAsked;
  private boolean chunkSizeEnded;

  // Bytes of the last feed the container must not see: chunk extensions, which its parser refuses.
  private int[] cuts = new int[4];
  private int cutCount;

  // What the head being read said so far.
  private int headBytes;
  private boolean requestLineRead;
  private final HeadFraming framing = new HeadFraming();

  /**
   * @param maxBodySize the largest body a request may declare with {@code Expect: 100-continue}
   *     before it is answered 413 (F5); 0 for no limit
   */
  RequestStream(long maxBodySize) {
    this.maxBodySize = maxBodySize;
  }

  /**
   * Reads {@code bytes[from, to)}, the next bytes from the client.
   *
   * @return null when all of them may go on to the container, else why the connection is refused
   */
  Refusal feed(byte[] bytes, int from, int to) {
    cutCount = 0;
    int i = from;
    while (i < to) {
      switch (phase) {
        case FIXED_BODY, CHUNK_DATA -> {
          int n = (int) Math.min(remaining, to - i);
          i += n;
          remaining -= n;
          if (remaining == 0) {
            phase = phase == Phase.FIXED_BODY ? Phase.HEAD : Phase.CHUNK_DATA_CR;
          }
        }
        case CHUNK_DATA_CR -> {
          if (bytes[i++] != '\r') {
            return Refusal.badRequest("chunk data not followed by CRLF");
          }
          phase = Phase.CHUNK_DATA_LF;
        }
        case CHUNK_DATA_LF -> {
          if (bytes[i++] != '\n') {
            return Refusal.badRequest("chunk data not followed by CRLF");
          }
          phase = Phase.CHUNK_LINE;
        }
        default -> {
          if (phase == Phase.CHUNK_LINE) {
            markChunkExtension(bytes[i], i);
          }
          Refusal refusal = lineByte(bytes[i++]);
          if (refusal != null) {
            return refusal;
          }
        }
      }
    }
    return null;
  }

  /**
   * The ranges of the last feed's bytes to leave out before the container reads them, as pairs of
   * [start, end) indexes: a chunk's extensions, from the first byte after its size to its CR (F2).
   * RFC 9112 §7.1.1 says to ignore extensions one does not understand; the container's parser
   * refuses every one of them instead.
   */
  int[] cuts() {
    return cuts;
  }

  int cutCount() {
    return cutCount;
  }

  private void markChunkExtension(byte c, int index) {
    if (c == '\r' || c == '\n' || lineLength == 0) {
      return;
    }
    if (!chunkSizeEnded && RequestTarget.hex(c) >= 0) {
      return;
    }
    chunkSizeEnded = true;
    if (cutCount > 0 && cuts[2 * cutCount - 1] == index) {
      cuts[2 * cutCount - 1] = index + 1;
      return;
    }
    if (2 * cutCount == cuts.length) {
      cuts = java.util.Arrays.copyOf(cuts, cuts.length * 2);
    }
    cuts[2 * cutCount] = index;
    cuts[2 * cutCount + 1] = index + 1;
    cutCount++;
  }

  /** True while a request head has begun and not ended: the span the head timeout bounds. */
  boolean inHead() {
    return phase == Phase.HEAD && headBytes > 0;
  }

  /** True while a request whose head went on to the container is still sending its body. */
  boolean inBody() {
    return phase != Phase.HEAD;
  }

  /** How many request heads were complete so far. */
  int headsCompleted() {
    return headsCompleted;
  }

  /** True once after a head that asked to upgrade the connection ({@code Upgrade} + Connection). */
  boolean takeUpgradeAsked() {
    boolean asked = upgradeAsked;
    upgradeAsked = false;
    return asked;
  }

  private Refusal lineByte(byte c) {
    if (phase == Phase.HEAD && ++headBytes > MAX_HEAD) {
      return Refusal.HEAD_TOO_LARGE;
    }
    if (afterCr) {
      afterCr = false;
      return c == '\n' ? lineEnded(true) : Refusal.badRequest("a CR not followed by LF");
    }
    if (c == '\r') {
      afterCr = true;
      return null;
    }
    if (c == '\n') {
      return lineEnded(false);
    }
    if (lineLength == line.length) {
      int limit = phase == Phase.HEAD ? MAX_LINE : MAX_CHUNK_LINE;
      if (lineLength >= limit) {
        return phase == Phase.HEAD
            ? Refusal.HEAD_TOO_LARGE
            : Refusal.badRequest("a chunk line over " + MAX_CHUNK_LINE + " bytes");
      }
      line = java.util.Arrays.copyOf(line, Math.min(limit, line.length * 2));
    }
    line[lineLength++] = c;
    return null;
  }

  /**
   * A line ended. Heads accept a bare LF as the end of a line, as the container does (RFC 9112
   * §2.2); chunk lines and trailers must end in CRLF (F2), as nginx and HAProxy require.
   */
  private Refusal lineEnded(boolean crlf) {
    Refusal refusal;
    if (phase == Phase.HEAD) {
      refusal = headLine();
    } else if (!crlf) {
      refusal = Refusal.badRequest("a chunk line that does not end in CRLF");
    } else if (phase == Phase.CHUNK_LINE) {
      chunkSizeEnded = false;
      refusal = chunkLine();
    } else if (lineLength == 0) {
      phase = Phase.HEAD; // the empty line after the trailers: the request is complete
      refusal = null;
    } else {
      refusal = fieldLine(true);
    }
    lineLength = 0;
    return refusal;
  }

  private Refusal headLine() {
    if (!requestLineRead) {
      // RFC 9112 §2.2: empty lines before a request line are ignored.
      if (lineLength == 0) {
        return null;
      }
      requestLineRead = true;
      return requestLine();
    }
    return lineLength == 0 ? headEnded() : fieldLine(false);
  }

  /** {@code method SP request-target SP HTTP/d.d}, one space each (F3). */
  private Refusal requestLine() {
    int methodEnd = indexOf((byte) ' ', 0);
    if (methodEnd <= 0) {
      return Refusal.badRequest("a malformed request line");
    }
    if (!isToken(0, methodEnd)) {
      return Refusal.badRequest("a malformed method");
    }
    int targetEnd = indexOf((byte) ' ', methodEnd + 1);
    if (targetEnd <= methodEnd + 1) {
      return Refusal.badRequest("a malformed request line");
    }
    for (int i = methodEnd + 1; i < targetEnd; i++) {
      int c = line[i] & 0xff;
      if (c < 0x21 || c == 0x7f) {
        return Refusal.badRequest("a control character in the request target");
      }
    }
    int v = targetEnd + 1;
    if (lineLength - v != 8
        || !startsWith(v, "HTTP/")
        || !isDigit(line[v + 5])
        || line[v + 6] != '.'
        || !isDigit(line[v + 7])) {
      return Refusal.badRequest("a malformed HTTP version");
    }
    if (line[v + 5] != '1') {
      return new Refusal(505, "HTTP version not supported: only HTTP/1.0 and HTTP/1.1 here");
    }
    framing.version(line[v + 7] != '0');
    return RequestTarget.check(line, methodEnd + 1, targetEnd);
  }

  /** {@code name ":" OWS value OWS}; no space before the colon, no folding, no controls (F1). */
  private Refusal fieldLine(boolean trailer) {
    if (line[0] == ' ' || line[0] == '\t') {
      return Refusal.badRequest("a folded header line (obs-fold)");
    }
    int colon = indexOf((byte) ':', 0);
    if (colon <= 0) {
      return Refusal.badRequest("a header line without a name and a colon");
    }
    if (!isToken(0, colon)) {
      return Refusal.badRequest("a malformed header name");
    }
    int start = colon + 1;
    int end = lineLength;
    while (start < end && isBlank(line[start])) {
      start++;
    }
    while (end > start && isBlank(line[end - 1])) {
      end--;
    }
    for (int i = start; i < end; i++) {
      int c = line[i] & 0xff;
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return Refusal.badRequest("a control character in a header value");
      }
    }
    return trailer ? null : framing.field(line, colon, start, end);
  }

  /** The head is complete: decide how its body is framed, or refuse it (F1, F5). */
  private Refusal headEnded() {
    Refusal refusal = framing.verdict(maxBodySize);
    if (refusal != null) {
      return refusal;
    }
    headsCompleted++;
    upgradeAsked = framing.upgradeAsked();
    if (framing.chunked()) {
      phase = Phase.CHUNK_LINE;
    } else if (framing.contentLength() > 0) {
      phase = Phase.FIXED_BODY;
      remaining = framing.contentLength();
    }
    headBytes = 0;
    requestLineRead = false;
    framing.reset();
    return null;
  }

  /** {@code chunk-size [ BWS ";" chunk-ext ]}: hex digits, then nothing or extensions (F2). */
  private Refusal chunkLine() {
    long size = 0;
    int i = 0;
    while (i < lineLength && RequestTarget.hex(line[i]) >= 0) {
      if (i == 15) {
        return Refusal.badRequest("a chunk size too large");
      }
      size = size << 4 | RequestTarget.hex(line[i]);
      i++;
    }
    if (i == 0) {
      return Refusal.badRequest("a malformed chunk size");
    }
    int ext = i;
    while (ext < lineLength && isBlank(line[ext])) {
      ext++;
    }
    if (ext < lineLength) {
      if (line[ext] != ';') {
        return Refusal.badRequest("a malformed chunk size");
      }
      for (int k = ext + 1; k < lineLength; k++) {
        int c = line[k] & 0xff;
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          return Refusal.badRequest("a control character in a chunk extension");
        }
      }
    } else if (ext != i) {
      return Refusal.badRequest("a malformed chunk size");
    }
    if (size == 0) {
      phase = Phase.TRAILERS;
    } else {
      phase = Phase.CHUNK_DATA;
      remaining = size;
    }
    return null;
  }

  private boolean startsWith(int at, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (line[at + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(byte b, int from) {
    for (int i = from; i < lineLength; i++) {
      if (line[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private boolean isToken(int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isTokenChar(line[i])) {
        return false;
      }
    }
    return true;
  }

  static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  /** RFC 9110 §5.6.2 tchar. */
  private static boolean isTokenChar(byte c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c)) {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}

package dev.fleetgate.proxy.upstream;

import dev.fleetgate.proxy.headers.HttpTokens;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a worker's HTTP/1.1 answer as it arrives, strictly (U1): a status line, headers, and a body
 * framed by {@code Content-Length}, by chunks or by the connection's close; none after {@code
 * HEAD}, 204 and 304; interim 1xx answers skipped. Anything else is a {@link MalformedResponse},
 * which the proxy answers with 502 as nginx does ("upstream sent invalid header"). One instance per
 * answer; pure: bytes in, calls on a {@link Sink} out.
 */
public final class ResponseParser {
  /** Where the parts of the answer go, in order: one head, body pieces, one end. */
  public interface Sink {
    void head(int status, List<String[]> headers) throws MalformedResponse;

    /** A piece of the body; valid only during the call. */
    void body(ByteBuffer piece);

    void end();
  }

  static final int MAX_HEADERS = 100;

  private enum State {
    STATUS_LINE,
    HEADERS,
    FIXED,
    CHUNK_LINE,
    CHUNK_DATA,
    CHUNK_CR,
    CHUNK_LF,
    TRAILERS,
    UNTIL_CLOSE,
    DONE
  }

  private final boolean headRequest;
  private final boolean upgradeAsked;
  private final int maxHead;
  private final StringBuilder line = new StringBuilder(64);
  private final List<String[]> headers = new ArrayList<>();
  private State state = State.STATUS_LINE;
  private boolean afterCr;
  private int headBytes;
  private int status;
  private boolean http10;
  private long remaining;
  private boolean keepAlive;

  /**
   * @param headRequest whether the request was {@code HEAD} (an answer without a body)
   * @param maxHead the largest head accepted, in bytes
   */
  public ResponseParser(boolean headRequest, int maxHead) {
    this(headRequest, false, maxHead);
  }

  private ResponseParser(boolean headRequest, boolean upgradeAsked, int maxHead) {
    this.headRequest = headRequest;
    this.upgradeAsked = upgradeAsked;
    this.maxHead = maxHead;
  }

  /**
   * A parser of the answer to a request that asked for an upgrade (U3): a 101 ends the answer right
   * after its head, and what follows it in the buffer belongs to the new protocol; any other answer
   * is read as usual.
   */
  public static ResponseParser forUpgrade(int maxHead) {
    return new ResponseParser(false, true, maxHead);
  }

  /**
   * Consumes what {@code in} holds (its position advances) and passes the answer's parts on.
   *
   * @return true once the whole answer was read; bytes after it are left in {@code in}
   */
  public boolean feed(ByteBuffer in, Sink sink) throws MalformedResponse {
    while (in.hasRemaining() && state != State.DONE) {
      switch (state) {
        case FIXED, CHUNK_DATA, UNTIL_CLOSE -> bodyPiece(in, sink);
        case CHUNK_CR -> {
          expect(in.get(), '\r');
          state = State.CHUNK_LF;
        }
        case CHUNK_LF -> {
          expect(in.get(), '\n');
          state = State.CHUNK_LINE;
        }
        default -> lineByte(in.get(), sink);
      }
    }
    return state == State.DONE;
  }

  /** The worker closed the connection: the end of a body framed by it, else a broken answer. */
  public void closed(Sink sink) throws MalformedResponse {
    if (state == State.UNTIL_CLOSE) {
      state = State.DONE;
      sink.end();
    } else if (state != State.DONE) {
      throw new MalformedResponse(
          state == State.STATUS_LINE && headBytes == 0
              ? "the worker closed the connection without answering"
              : "the worker closed the connection in the middle of its answer");
    }
  }

  /** True when no byte of an answer has arrived yet (a closed pooled connection may be retried). */
  public boolean nothingReceived() {
    return state == State.STATUS_LINE && headBytes == 0;
  }

  /** True once the head is read: the status and headers went to the sink. */
  public boolean headRead() {
    return state.compareTo(State.HEADERS) > 0;
  }

  /** After a complete answer: whether the connection may carry another request. */
  public boolean reusable() {
    return state == State.DONE && keepAlive;
  }

  public int status() {
    return status;
  }

  private void bodyPiece(ByteBuffer in, Sink sink) {
    int n = state == State.UNTIL_CLOSE ? in.remaining() : (int) Math.min(remaining, in.remaining());
    ByteBuffer piece = in.slice();
    piece.limit(n);
    in.position(in.position() + n);
    sink.body(piece);
    if (state == State.UNTIL_CLOSE) {
      return;
    }
    remaining -= n;
    if (remaining == 0) {
      if (state == State.FIXED) {
        finish(sink);
      } else {
        state = State.CHUNK_CR;
      }
    }
  }

  private void lineByte(byte b, Sink sink) throws MalformedResponse {
    if ((state == State.STATUS_LINE || state == State.HEADERS) && ++headBytes > maxHead) {
      throw new MalformedResponse("the worker's answer head is over " + maxHead + " bytes");
    }
    if (afterCr) {
      afterCr = false;
      if (b != '\n') {
        throw new MalformedResponse("a CR not followed by LF in the worker's answer");
      }
      lineEnded(sink);
      return;
    }
    if (b == '\r') {
      afterCr = true;
    } else if (b == '\n') {
      throw new MalformedResponse("a line of the worker's answer ends in LF without CR");
    } else if (b == 0 || line.length() >= 8192) {
      throw new MalformedResponse("a malformed line in the worker's answer");
    } else {
      line.append((char) (b & 0xff));
    }
  }

  private void lineEnded(Sink sink) throws MalformedResponse {
    String text = line.toString();
    line.setLength(0);
    switch (state) {
      case STATUS_LINE -> statusLine(text);
      case HEADERS -> {
        if (text.isEmpty()) {
          headEnded(sink);
        } else {
          header(text);
        }
      }
      case CHUNK_LINE -> chunkLine(text, sink);
      case TRAILERS -> {
        if (text.isEmpty()) {
          finish(sink);
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  private void statusLine(String text) throws MalformedResponse {
    if (text.length() < 12
        || !(text.startsWith("HTTP/1.1 ") || text.startsWith("HTTP/1.0 "))
        || (text.length() > 12 && text.charAt(12) != ' ')) {
      throw new MalformedResponse("an invalid status line from the worker: " + printable(text));
    }
    int code = 0;
    for (int i = 9; i < 12; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new MalformedResponse("an invalid status from the worker: " + printable(text));
      }
      code = code * 10 + (c - '0');
    }
    if (code < 100 || code > 599) {
      throw new MalformedResponse("an invalid status from the worker: " + code);
    }
    status = code;
    http10 = text.charAt(7) == '0';
    state = State.HEADERS;
  }

  private void header(String text) throws MalformedResponse {
    char first = text.charAt(0);
    if (first == ' ' || first == '\t') {
      throw new MalformedResponse("a folded header line from the worker");
    }
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new MalformedResponse("a header line without a name from the worker");
    }
    for (int i = 0; i < colon; i++) {
      if (!HttpTokens.isTokenChar(text.charAt(i))) {
        throw new MalformedResponse("a malformed header name from the worker");
      }
    }
    if (headers.size() == MAX_HEADERS) {
      throw new MalformedResponse("more than " + MAX_HEADERS + " headers from the worker");
    }
    headers.add(
        new String[] {
          text.substring(0, colon).toLowerCase(Locale.ROOT), text.substring(colon + 1).strip()
        });
  }

  private void headEnded(Sink sink) throws MalformedResponse {
    if (status == 101 && upgradeAsked) {
      keepAlive = false;
      state = State.DONE;
      sink.head(status, List.copyOf(headers));
      return;
    }
    if (status >= 100 && status < 200) {
      if (status == 101) {
        throw new MalformedResponse("a 101 from the worker to a request that asked no upgrade");
      }
      headers.clear(); // an interim answer (100, 103): the real one follows
      state = State.STATUS_LINE;
      headBytes = 0;
      return;
    }
    long length = -1;
    boolean chunked = false;
    boolean close = http10;
    for (String[] h : headers) {
      switch (h[0]) {
        case "content-length" -> length = contentLength(h[1], length);
        case "transfer-encoding" -> {
          if (chunked || !h[1].equalsIgnoreCase("chunked")) {
            throw new MalformedResponse("a transfer coding other than chunked from the worker");
          }
          chunked = true;
        }
        case "connection" -> {
          for (String token : h[1].split(",")) {
            String t = token.strip();
            if (t.equalsIgnoreCase("close")) {
              close = true;
            } else if (t.equalsIgnoreCase("keep-alive") && http10) {
              close = false;
            }
          }
        }
        default -> {
          // passed on as it is
        }
      }
    }
    if (chunked && length >= 0) {
      throw new MalformedResponse("both Content-Length and Transfer-Encoding from the worker");
    }
    keepAlive = !close;
    sink.head(status, List.copyOf(headers));
    if (headRequest || status == 204 || status == 304) {
      finish(sink);
    } else if (chunked) {
      state = State.CHUNK_LINE;
    } else if (length > 0) {
      state = State.FIXED;
      remaining = length;
    } else if (length == 0) {
      finish(sink);
    } else {
      keepAlive = false;
      state = State.UNTIL_CLOSE;
    }
  }

  private static long contentLength(String value, long earlier) throws MalformedResponse {
    if (value.isEmpty() || value.length() > 18) {
      throw new MalformedResponse("an invalid Content-Length from the worker");
    }
    long length = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new MalformedResponse("an invalid Content-Length from the worker");
      }
      length = length * 10 + (c - '0');
    }
    if (earlier >= 0 && earlier != length) {
      throw new MalformedResponse("two different Content-Length values from the worker");
    }
    return length;
  }

  private void chunkLine(String text, Sink sink) throws MalformedResponse {
    int end = text.indexOf(';');
    String size = (end < 0 ? text : text.substring(0, end)).stripTrailing();
    if (size.isEmpty() || size.length() > 15) {
      throw new MalformedResponse("an invalid chunk size from the worker");
    }
    long n = 0;
    for (int i = 0; i < size.length(); i++) {
      int digit = Character.digit(size.charAt(i), 16);
      if (digit < 0) {
        throw new MalformedResponse("an invalid chunk size from the worker");
      }
      n = n << 4 | digit;
    }
    if (n == 0) {
      state = State.TRAILERS;
    } else {
      state = State.CHUNK_DATA;
      remaining = n;
    }
  }

  private void finish(Sink sink) {
    state = State.DONE;
    sink.end();
  }

  private static void expect(byte actual, char wanted) throws MalformedResponse {
    if (actual != wanted) {
      throw new MalformedResponse("chunk data from the worker not followed by CRLF");
    }
  }

  private static String printable(String text) {
    String cut = text.length() > 80 ? text.substring(0, 80) : text;
    return new String(cut.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII);
  }
}

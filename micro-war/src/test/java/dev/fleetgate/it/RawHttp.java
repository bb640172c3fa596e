package dev.fleetgate.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Raw bytes over one socket, for requests no HTTP client would send: writes them, then reads what
 * the server answers until it closes the connection, or until it has been quiet for a moment after
 * answering, or until a deadline.
 */
final class RawHttp {
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3}) ");

  private RawHttp() {}

  /** What came back: the bytes as ISO-8859-1 text, and whether the server closed the connection. */
  record Answer(String text, boolean closed) {
    /** The status codes of every response in the text, in order. */
    List<Integer> statuses() {
      return STATUS_LINE.matcher(text).results().map(m -> Integer.parseInt(m.group(1))).toList();
    }

    int firstStatus() {
      List<Integer> statuses = statuses();
      return statuses.isEmpty() ? -1 : statuses.get(0);
    }

    @Override
    public String toString() {
      String shown = text.length() > 600 ? text.substring(0, 600) + "…" : text;
      return (closed ? "[closed] " : "[open] ") + shown.replace("\r", "\\r").replace("\n", "\\n");
    }
  }

  static Answer send(int port, String request) throws IOException {
    return send(port, request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(10));
  }

  /**
   * Sends {@code request} and reads until the server closes, until it was quiet for 1 s after
   * answering something, or until {@code limit}.
   */
  static Answer send(int port, byte[] request, Duration limit) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(200);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (SocketException refusedMidway) {
        // the server may answer and close before it read everything: read what it said
      }
      return read(socket, limit);
    }
  }

  private static Answer read(Socket socket, Duration limit) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[16 * 1024];
    long deadline = System.nanoTime() + limit.toNanos();
    long lastByte = System.nanoTime();
    while (System.nanoTime() < deadline) {
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException quiet) {
        if (text.length() > 0 && System.nanoTime() - lastByte > 1_000_000_000L) {
          return new Answer(text.toString(), false);
        }
        continue;
      } catch (SocketException reset) {
        return new Answer(text.toString(), true);
      }
      if (n < 0) {
        return new Answer(text.toString(), true);
      }
      text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      lastByte = System.nanoTime();
    }
    return new Answer(text.toString(), false);
  }
}

package dev.fleetgate.sample;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 by hand over one loopback socket, for what a client library hides: which bytes arrive
 * when, which connection carries them, and a body sent while the answer is read. (The JDK {@code
 * HttpClient} reads no answer before it has sent the whole request body, so against a streaming
 * echo it stalls once the socket buffers fill.) Reads time out after ten seconds.
 */
final class RawHttp implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Sends {@code head} then all of {@code body} on a thread of its own. */
  CompletableFuture<Void> sendInBackground(String head, InputStream body) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    Thread writer =
        new Thread(
            () -> {
              try (body) {
                send(head);
                body.transferTo(out);
                out.flush();
                sent.complete(null);
              } catch (IOException | RuntimeException e) {
                sent.completeExceptionally(e);
              }
            },
            "raw-http-writer");
    writer.setDaemon(true);
    writer.start();
    return sent;
  }

  /** Reads up to and including {@code marker}, and answers it as ISO-8859-1 text. */
  String readUntil(String marker) throws IOException {
    StringBuilder text = new StringBuilder();
    while (text.length() < marker.length()
        || text.indexOf(marker, text.length() - marker.length()) < 0) {
      int read = in.read();
      if (read == -1) {
        throw new IOException("connection closed before " + marker + "; got " + text);
      }
      text.append((char) read);
    }
    return text.toString();
  }

  /**
   * Reads a chunked body into {@code sink}, up to and including its last chunk, and answers how
   * many chunks carried data.
   */
  int readChunkedBody(OutputStream sink) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    for (int chunks = 0; ; chunks++) {
      String sizeLine = readUntil("\r\n").trim();
      int extension = sizeLine.indexOf(';');
      long size = Long.parseLong(extension < 0 ? sizeLine : sizeLine.substring(0, extension), 16);
      if (size == 0) {
        readUntil("\r\n");
        return chunks;
      }
      for (long left = size; left > 0; ) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (read == -1) {
          throw new IOException("connection closed inside a chunk");
        }
        sink.write(buffer, 0, read);
        left -= read;
      }
      readUntil("\r\n");
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

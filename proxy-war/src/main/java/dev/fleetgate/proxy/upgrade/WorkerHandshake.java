package dev.fleetgate.proxy.upgrade;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The first half of a tunnel (R1): a connection of its own to the worker (the JDK HTTP client
 * cannot forward an upgrade), the client's request head written to it, and the worker's answer head
 * read back. Bytes the worker sent after its head are kept for the tunnel.
 */
public final class WorkerHandshake {
  private static final int MAX_HEAD = 64 * 1024;

  /** The worker's answer to the upgrade request. */
  public record Answer(
      int status, List<String[]> headers, ByteBuffer rest, AsynchronousSocketChannel channel) {

    public String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }
  }

  private WorkerHandshake() {}

  /**
   * @param head the request head to send, ending with an empty line
   */
  public static Answer send(
      InetSocketAddress worker, byte[] head, Duration connectTimeout, Duration responseTimeout)
      throws IOException {
    AsynchronousSocketChannel channel = AsynchronousSocketChannel.open();
    try {
      await(channel.connect(worker), connectTimeout, true);
      ByteBuffer out = ByteBuffer.wrap(head);
      while (out.hasRemaining()) {
        await(channel.write(out), responseTimeout, false);
      }
      ByteBuffer in = ByteBuffer.allocate(MAX_HEAD);
      int end;
      while ((end = headEnd(in)) < 0) {
        if (!in.hasRemaining()) {
          throw new IOException("worker's answer head is larger than " + MAX_HEAD + " bytes");
        }
        if (await(channel.read(in), responseTimeout, false) < 0) {
          throw new IOException("worker closed the connection during the upgrade");
        }
      }
      Answer answer = parse(in, end, channel);
      return answer;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Index just past the blank line ending the head, or -1. */
  static int headEnd(ByteBuffer in) {
    for (int i = 3; i < in.position(); i++) {
      if (in.get(i - 3) == '\r'
          && in.get(i - 2) == '\n'
          && in.get(i - 1) == '\r'
          && in.get(i) == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  static Answer parse(ByteBuffer in, int end, AsynchronousSocketChannel channel)
      throws IOException {
    String head = new String(in.array(), 0, end, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
      throw new IOException("worker sent an invalid status line: " + lines[0]);
    }
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (NumberFormatException e) {
      throw new IOException("worker sent an invalid status: " + lines[0], e);
    }
    List<String[]> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.add(
            new String[] {
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim()
            });
      }
    }
    ByteBuffer rest = ByteBuffer.allocate(in.position() - end);
    rest.put(in.array(), end, in.position() - end).flip();
    return new Answer(status, headers, rest, channel);
  }

  private static <T> T await(java.util.concurrent.Future<T> io, Duration limit, boolean connecting)
      throws IOException {
    try {
      return io.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      io.cancel(true);
      throw connecting
          ? new HttpConnectTimeoutException("no connection to the worker within " + limit)
          : new HttpTimeoutException("the worker did not answer the upgrade within " + limit);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io2 ? io2 : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}

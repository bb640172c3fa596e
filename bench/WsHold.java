import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds N WebSocket connections open through a proxy, JDK only: {@code java WsHold.java host port
 * path count holdSeconds}. Opens them from 8 threads (handshake, then the worker's greeting frame),
 * then sends one masked text frame on every connection and reads its echo, prints {@code READY
 * opened=.. echoed=.. failed=.. openSeconds=..}, holds them for holdSeconds (the caller measures the
 * proxy meanwhile) and closes them all. Written for examples/node-app's {@code /ws} echo.
 */
public class WsHold {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String path = args[2];
    int count = Integer.parseInt(args[3]);
    int holdSeconds = Integer.parseInt(args[4]);
    List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failed = new AtomicInteger();
    List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < count; i++) {
      pool.execute(
          () -> {
            try {
              open.add(handshake(host, port, path));
            } catch (IOException | RuntimeException e) {
              failed.incrementAndGet();
              if (firstErrors.size() < 5) {
                firstErrors.add(e.toString());
              }
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    double openSeconds = (System.nanoTime() - started) / 1e9;
    int echoed = 0;
    for (Socket socket : open) {
      try {
        sendText(socket.getOutputStream(), "ping");
        if (readText(socket.getInputStream()).endsWith(": ping")) {
          echoed++;
        }
      } catch (IOException e) {
        failed.incrementAndGet();
        if (firstErrors.size() < 5) {
          firstErrors.add("echo: " + e);
        }
      }
    }
    System.out.printf(
        "READY opened=%d echoed=%d failed=%d openSeconds=%.1f errors=%s%n",
        open.size(), echoed, failed.get(), openSeconds, firstErrors);
    System.out.flush();
    Thread.sleep(holdSeconds * 1000L);
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  static Socket handshake(String host, int port, String path) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), 10_000);
      socket.setSoTimeout(30_000);
      byte[] key = new byte[16];
      java.util.concurrent.ThreadLocalRandom.current().nextBytes(key);
      String request =
          "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13"
              + "\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      if (!head.startsWith("HTTP/1.1 101")) {
        throw new IOException("no 101: " + head.lines().findFirst().orElse(""));
      }
      readText(in); // the worker's greeting
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  static void sendText(OutputStream out, String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8); // < 126 bytes
    byte[] mask = {1, 2, 3, 4};
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | payload.length);
    System.arraycopy(mask, 0, frame, 2, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    out.write(frame);
    out.flush();
  }

  static String readText(InputStream in) throws IOException {
    int b0 = in.read();
    int b1 = in.read();
    if (b0 < 0 || b1 < 0) {
      throw new IOException("closed before a frame");
    }
    long length = b1 & 0x7f;
    if (length == 126) {
      length = (in.read() << 8) | in.read();
    } else if (length == 127) {
      throw new IOException("frame too long");
    }
    byte[] payload = in.readNBytes((int) length);
    if (payload.length < length) {
      throw new IOException("closed inside a frame");
    }
    return new String(payload, StandardCharsets.UTF_8);
  }
}

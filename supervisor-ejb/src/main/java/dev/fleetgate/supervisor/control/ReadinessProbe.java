package dev.fleetgate.supervisor.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells whether a starting worker is ready (R2): its port accepts a connection or, when a ready
 * path is configured, {@code GET path} answers 2xx or 3xx. One short, bounded attempt per call.
 */
public final class ReadinessProbe {
  private static final int TIMEOUT_MILLIS = 1000;
  private final Optional<String> readyPath;

  public ReadinessProbe(Optional<String> readyPath) {
    this.readyPath = readyPath;
  }

  public boolean ready(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      return readyPath.isEmpty() || answersSuccess(socket, host, port, readyPath.get());
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean answersSuccess(Socket socket, String host, int port, String path)
      throws IOException {
    socket.setSoTimeout(TIMEOUT_MILLIS);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: "
                + host
                + ":"
                + port
                + "\r\nUser-Agent: fleetgate-readiness\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    byte[] head = in.readNBytes(12); // "HTTP/1.1 200"
    if (head.length < 12) {
      return false;
    }
    String statusLine = new String(head, StandardCharsets.US_ASCII);
    char first = statusLine.charAt(9);
    return statusLine.startsWith("HTTP/") && (first == '2' || first == '3');
  }

  /** True when nothing listens on {@code host:port}, so a new worker can bind it. */
  public static boolean portFree(String host, int port) {
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

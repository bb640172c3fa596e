package dev.fleetgate.proxy.upgrade;

import dev.fleetgate.proxy.ForwardingPolicy;
import dev.fleetgate.proxy.ProxyServlet;
import dev.fleetgate.proxy.WorkerRequestHead;
import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.proxy.headers.HopByHopHeaders;
import dev.fleetgate.proxy.headers.ProxyOwnedHeaders;
import dev.fleetgate.supervisor.traffic.ErrorKind;
import dev.fleetgate.supervisor.traffic.WorkerTraffic;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forwards a request with {@code Upgrade} (WebSocket) to a worker (R3): the worker's 101 goes back
 * to the client and bytes then flow both ways in a {@link Tunnel}; any other answer is relayed as
 * it is. As nginx requires {@code proxy_set_header Connection "upgrade"}, the hop-by-hop {@code
 * Upgrade} and {@code Connection} are sent to the worker explicitly.
 */
public final class UpgradeForwarder {
  private static final Logger LOG = Logger.getLogger(UpgradeForwarder.class.getName());

  private final Duration connectTimeout;
  private final Duration responseTimeout;
  private final Duration readTimeout;
  private final ForwardingPolicy forwarding;

  public UpgradeForwarder(
      Duration connectTimeout,
      Duration responseTimeout,
      Duration readTimeout,
      ForwardingPolicy forwarding) {
    this.connectTimeout = connectTimeout;
    this.responseTimeout = responseTimeout;
    this.readTimeout = readTimeout;
    this.forwarding = forwarding;
  }

  /**
   * A request to tunnel: {@code Upgrade} named in {@code Connection}, no body (a WebSocket
   * handshake is a bare GET). HTTP/2's {@code h2c} upgrade, which the JDK's own client tries on its
   * first request, is ignored as RFC 9110 allows: such a request is proxied as HTTP/1.1, body and
   * all.
   */
  public static boolean wanted(HttpServletRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return upgrade != null
        && !upgrade.trim().equalsIgnoreCase("h2c")
        && request.getContentLengthLong() <= 0
        && request.getHeader("Transfer-Encoding") == null
        && Collections.list(request.getHeaders("Connection")).stream()
            .flatMap(v -> java.util.Arrays.stream(v.split(",")))
            .anyMatch(token -> token.trim().equalsIgnoreCase("upgrade"));
  }

  public void forward(HttpServletRequest request, HttpServletResponse response, Peer peer)
      throws IOException {
    WorkerHandshake.Answer answer;
    WorkerTraffic traffic = peer.upstream().traffic();
    long started = System.nanoTime();
    try {
      answer =
          WorkerHandshake.send(
              peer.upstream().address(),
              WorkerRequestHead.of(request, forwarding, request.getHeader("Upgrade")),
              connectTimeout,
              responseTimeout);
    } catch (IOException e) {
      peer.health().failed();
      boolean timeout = e instanceof HttpTimeoutException;
      traffic.started();
      traffic.failed(timeout ? ErrorKind.TIMEOUT : ErrorKind.CONNECT, 0, 0);
      LOG.log(
          Level.WARNING,
          "Upgrade to worker {0} failed: {1}",
          new Object[] {Integer.toString(peer.workerId()), e.toString()});
      ProxyServlet.reply(
          response,
          timeout ? HttpServletResponse.SC_GATEWAY_TIMEOUT : HttpServletResponse.SC_BAD_GATEWAY,
          (timeout ? "gateway timeout: worker " : "bad gateway: worker ") + peer.workerId());
      return;
    }
    peer.health().succeeded();
    if (answer.status() == HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
      switchProtocols(request, response, peer, answer);
    } else {
      traffic.started();
      long relayed = relayRefusal(answer, response);
      traffic.completed(answer.status(), System.nanoTime() - started, 0, relayed);
    }
  }

  private void switchProtocols(
      HttpServletRequest request,
      HttpServletResponse response,
      Peer peer,
      WorkerHandshake.Answer answer)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
    copyHeaders(answer, response);
    response.setHeader("Upgrade", answer.header("upgrade"));
    response.setHeader("Connection", "Upgrade");
    Tunnel tunnel;
    try {
      tunnel = request.upgrade(Tunnel.class);
    } catch (ServletException e) {
      answer.channel().close();
      throw new IOException("the container refused the upgrade", e);
    }
    tunnel.attach(answer.channel(), answer.rest(), peer.upstream(), readTimeout);
    response.flushBuffer(); // or Grizzly keeps the 101 back
  }

  private static void copyHeaders(WorkerHandshake.Answer answer, HttpServletResponse response) {
    HopByHopHeaders hopByHop =
        HopByHopHeaders.of(
            answer.headers().stream()
                .filter(h -> h[0].equals("connection"))
                .map(h -> h[1])
                .toList());
    for (String[] header : answer.headers()) {
      if (!hopByHop.contains(header[0])
          && !header[0].equals("content-length")
          && !ProxyOwnedHeaders.contains(header[0])) {
        response.addHeader(header[0], header[1]);
      }
    }
  }

  /**
   * The worker said no: its status, headers and (Content-Length delimited) body go back.
   *
   * @return the body bytes relayed
   */
  private long relayRefusal(WorkerHandshake.Answer answer, HttpServletResponse response)
      throws IOException {
    try (AsynchronousSocketChannel channel = answer.channel()) {
      response.setStatus(answer.status());
      copyHeaders(answer, response);
      String length = answer.header("content-length");
      long remaining = length == null ? 0 : Long.parseLong(length.trim());
      long total = remaining;
      response.setContentLengthLong(remaining);
      ByteBuffer buffer = answer.rest();
      ServletOutputStream out = response.getOutputStream();
      while (remaining > 0) {
        if (!buffer.hasRemaining()) {
          buffer = ByteBuffer.allocate(16 * 1024);
          if (channel.read(buffer).get(responseTimeout.toMillis(), TimeUnit.MILLISECONDS) < 0) {
            break;
          }
          buffer.flip();
        }
        int n = (int) Math.min(remaining, buffer.remaining());
        out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
        buffer.position(buffer.position() + n);
        remaining -= n;
      }
      return total - remaining;
    } catch (NumberFormatException | ExecutionException | TimeoutException e) {
      throw new IOException("relaying the worker's refusal of the upgrade", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}

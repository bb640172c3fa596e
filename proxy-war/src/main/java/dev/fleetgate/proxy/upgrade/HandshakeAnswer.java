package dev.fleetgate.proxy.upgrade;

import dev.fleetgate.proxy.Attempt;
import dev.fleetgate.proxy.FailureVerdict;
import dev.fleetgate.proxy.ProxyServlet;
import dev.fleetgate.proxy.ResponseHeaders;
import dev.fleetgate.proxy.accesslog.AccessLog;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The worker's answer to one upgrade request, put on the client's already upgraded connection (R3,
 * R4, R5): a 101 opens the {@link Tunnel}; any other answer goes back as it is, and a failure or
 * silence of the worker as 502 or 504 ({@link FailureVerdict}; a handshake is tried once), and the
 * connection closes after it. Counts the attempt and writes the access log line.
 */
final class HandshakeAnswer implements WorkerHandshake.Listener {
  private static final Logger LOG = Logger.getLogger(Tunnel.class.getName());

  private final UpgradeForwarder.Handshake plan;
  private final Attempt attempt;
  private final Tunnel tunnel;
  private int status;
  private long refusalBytes;

  HandshakeAnswer(UpgradeForwarder.Handshake plan, Attempt attempt, Tunnel tunnel) {
    this.plan = plan;
    this.attempt = attempt;
    this.tunnel = tunnel;
  }

  @Override
  public void head(int status, List<String[]> headers) {
    this.status = status;
    attempt.headArrived();
    HttpServletResponse response = plan.response();
    response.setStatus(status);
    ResponseHeaders.copy(headers, response);
    plan.requestId().stamp(response);
    if (status == HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
      // Hop-by-hop, so left out above; for a switch they are the answer itself.
      for (String[] header : headers) {
        if (header[0].equals("upgrade")) {
          response.setHeader("Upgrade", header[1]);
        }
      }
      response.setHeader("Connection", "Upgrade");
    } else {
      response.setHeader("Connection", "close"); // the client's connection is upgraded: no reuse
    }
  }

  @Override
  public void body(ByteBuffer piece) {
    try {
      // A declined upgrade's body, written as it comes (the stream is still in blocking mode).
      plan.response()
          .getOutputStream()
          .write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
      refusalBytes += piece.remaining();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void end() {
    // the declined upgrade's answer is whole: ended() closes the connection
  }

  @Override
  public void ended(Throwable failure, AsynchronousSocketChannel channel, ByteBuffer rest) {
    boolean switched = failure == null && status == HttpServletResponse.SC_SWITCHING_PROTOCOLS;
    if (!tunnel.claim(switched)) {
      Tunnel.closeQuietly(channel); // the client's side closed first and was counted then
      return;
    }
    try {
      if (switched) {
        plan.response().flushBuffer(); // the 101 goes out now; the tunnel follows
        logged(status);
        tunnel.open(channel, rest);
        return;
      }
      if (failure == null) {
        attempt.answered(status, System.nanoTime() - attempt.startNanos(), 0, refusalBytes);
      } else {
        failed(failure);
      }
      logged(plan.response().getStatus());
      plan.response().flushBuffer();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Answering the upgrade request", e);
      if (switched) {
        tunnel.close(e);
        return;
      }
    }
    if (!switched) {
      tunnel.closeClient();
    }
  }

  /** The worker failed: 502 or 504 when nothing of its answer went out, else its answer ends. */
  private void failed(Throwable failure) throws IOException {
    FailureVerdict verdict =
        FailureVerdict.of(
            failure,
            plan.request().getMethod(),
            FailureVerdict.Body.UNREAD,
            refusalBytes > 0 ? FailureVerdict.Client.ANSWER_STARTED : FailureVerdict.Client.WAITING,
            1,
            1);
    attempt.failed(verdict, 0, refusalBytes);
    String worker = attempt.workerName();
    LOG.log(
        Level.WARNING,
        "Upgrade to worker {0} failed: {1} (request id {2})",
        new Object[] {worker, verdict.cause().toString(), plan.requestId().toString()});
    HttpServletResponse response = plan.response();
    if (verdict.answers() && !response.isCommitted()) {
      response.reset();
      plan.requestId().stamp(response);
      response.setHeader("Connection", "close");
      ProxyServlet.reply(response, verdict.status(), verdict.text(worker));
    }
  }

  /** The handshake's access log line (R5): no body either way, one try. */
  private void logged(int answered) {
    AccessLog accessLog = plan.accessLog();
    if (accessLog.enabled()) {
      accessLog.log(
          AccessLog.Entry.of(
              plan.request(),
              plan.requestId().value(),
              answered,
              0,
              refusalBytes,
              attempt.upstream(),
              attempt.millisToHead(),
              (System.nanoTime() - attempt.startNanos()) / 1_000_000,
              0));
    }
  }
}

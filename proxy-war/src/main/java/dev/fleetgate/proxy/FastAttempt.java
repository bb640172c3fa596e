package dev.fleetgate.proxy;

import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.proxy.upstream.ConnectionPool;
import dev.fleetgate.proxy.upstream.MalformedResponse;
import dev.fleetgate.proxy.upstream.ResponseParser;
import dev.fleetgate.proxy.upstream.WorkerConnection;
import dev.fleetgate.supervisor.traffic.ErrorKind;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One try of the fast path on one worker (R15): the request head sent over a pooled connection, the
 * answer relayed to the client as it arrives, and the attempt's counts (in-flight, traffic, passive
 * health) closed exactly once. {@link FastPath} decides what follows a failure.
 */
final class FastAttempt implements ResponseParser.Sink {
  private static final int MAX_HEAD = 64 * 1024;

  final Peer peer;
  final HttpServletRequest request;
  final HttpServletResponse response;
  private final ConnectionPool pool;
  private final ProxySettings settings;
  private final byte[] buffer;
  final long startNanos = System.nanoTime();
  long headNanos;
  long written;
  boolean answering;
  private ServletOutputStream out;
  private IOException clientFailure;
  private boolean leftover;

  FastAttempt(
      Peer peer,
      HttpServletRequest request,
      HttpServletResponse response,
      ConnectionPool pool,
      ProxySettings settings,
      byte[] buffer) {
    this.peer = peer;
    this.request = request;
    this.response = response;
    this.pool = pool;
    this.settings = settings;
    this.buffer = buffer;
  }

  /**
   * @return null when the answer went out whole, else why not
   */
  Throwable run(byte[] head) {
    peer.upstream().requestStarted();
    WorkerConnection connection = null;
    ResponseParser parser = null;
    try {
      connection = pool.take(peer.upstream().address());
      parser = exchange(connection, head);
      if (parser == null) { // a pooled connection the worker had closed: once more, fresh
        connection.close();
        connection = pool.fresh(peer.upstream().address());
        parser = exchange(connection, head);
        if (parser == null) {
          throw new MalformedResponse("the worker closed the connection without answering");
        }
      }
    } catch (IOException e) {
      if (connection != null) {
        connection.close();
      }
      return ended(e);
    }
    if (parser.reusable() && clientFailure == null && !leftover) {
      pool.giveBack(connection);
    } else {
      connection.close();
    }
    return ended(null);
  }

  /**
   * Sends the head and relays the answer.
   *
   * @return the parser at the end of the answer, or null when a pooled connection turned out closed
   *     before any byte of an answer
   */
  private ResponseParser exchange(WorkerConnection connection, byte[] head) throws IOException {
    ResponseParser parser = new ResponseParser("HEAD".equals(request.getMethod()), MAX_HEAD);
    try {
      connection.write(head, 0, head.length);
    } catch (IOException e) {
      if (connection.reused()) {
        return null;
      }
      throw e;
    }
    int timeout = millis(settings.responseTimeout().toMillis());
    while (true) {
      int n;
      try {
        n = connection.read(buffer, 0, buffer.length, timeout);
      } catch (SocketTimeoutException e) {
        throw new HttpTimeoutException(
            parser.headRead()
                ? "worker sent nothing for " + settings.readTimeout().toMillis() + " ms"
                : "no response headers within " + settings.responseTimeout().toMillis() + " ms");
      } catch (IOException e) {
        if (connection.reused() && parser.nothingReceived()) {
          return null;
        }
        throw e;
      }
      if (n < 0) {
        if (connection.reused() && parser.nothingReceived()) {
          return null;
        }
        parser.closed(this);
        return parser;
      }
      ByteBuffer in = ByteBuffer.wrap(buffer, 0, n);
      boolean done = parser.feed(in, this);
      if (clientFailure != null) {
        throw clientFailure;
      }
      if (done) {
        leftover = in.hasRemaining(); // bytes after the answer: the connection is not reused
        return parser;
      }
      if (parser.headRead()) {
        timeout = millis(settings.readTimeout().toMillis());
        if (written > 0) {
          out.flush(); // what the worker sent so far goes out now (server-sent events)
        }
      }
    }
  }

  @Override
  public void head(int status, List<String[]> headers) {
    headNanos = System.nanoTime();
    peer.health().succeeded();
    response.setStatus(status);
    ResponseHeaders.copy(headers, response);
  }

  @Override
  public void body(ByteBuffer piece) {
    if (clientFailure != null || !piece.hasRemaining()) {
      return;
    }
    try {
      if (out == null) {
        out = response.getOutputStream();
      }
      answering = true;
      out.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
      written += piece.remaining();
    } catch (IOException e) {
      clientFailure = new ClientGoneException(e);
    }
  }

  @Override
  public void end() {
    // the answer is whole: the container completes it when the servlet returns
  }

  /** Counts the attempt's end once: in-flight, traffic, passive health. */
  private Throwable ended(Throwable failure) {
    peer.upstream().requestFinished();
    if (failure == null) {
      peer.upstream()
          .traffic()
          .completed(response.getStatus(), System.nanoTime() - startNanos, 0, written);
      return null;
    }
    if (failure instanceof ClientGoneException) {
      peer.upstream().traffic().failed(ErrorKind.CLIENT_ABORT, 0, written);
      answering = true; // nothing to retry, nobody to answer
      return failure;
    }
    Throwable cause = failure;
    if (cause instanceof SocketTimeoutException) {
      cause = new HttpConnectTimeoutException("connect timed out");
    }
    peer.upstream().traffic().failed(ErrorKinds.of(cause), 0, written);
    peer.health().failed();
    if (answering) {
      // The worker broke off in the middle of the body: the client's connection is cut, so a
      // chunked body never looks whole (as the asynchronous path does).
      FailureLog.brokeOffMidBody(request, peer.workerId(), written, cause);
      ConnectionAbort.abort(request);
    } else if (!response.isCommitted()) {
      response.reset();
    }
    return cause;
  }

  private static int millis(long millis) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
  }

  /** The client went away while its answer was being written. */
  private static final class ClientGoneException extends IOException {
    private static final long serialVersionUID = 1L;

    ClientGoneException(IOException cause) {
      super("client went away", cause);
    }
  }
}

package dev.fleetgate.proxy;

import dev.fleetgate.proxy.FailureVerdict.Body;
import dev.fleetgate.proxy.FailureVerdict.Client;
import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.proxy.compression.Compression;
import dev.fleetgate.proxy.compression.GzipEncoder;
import dev.fleetgate.proxy.upstream.ConnectionPool;
import dev.fleetgate.proxy.upstream.MalformedResponse;
import dev.fleetgate.proxy.upstream.ResponseParser;
import dev.fleetgate.proxy.upstream.WorkerConnection;
import dev.fleetgate.supervisor.routing.Upstream;
import dev.fleetgate.supervisor.traffic.ErrorKind;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One try of the fast path on one worker (R15): the request head (and its small body, whole in
 * memory, so a retry can send it again) sent over a pooled connection, the answer relayed to the
 * client as it arrives, and the try's counts (in-flight, traffic, passive health) closed exactly
 * once by its {@link Attempt}. A failure ends as a {@link FailureVerdict}, which {@link FastPath}
 * follows.
 */
final class FastAttempt implements ResponseParser.Sink {
  private static final int MAX_HEAD = 64 * 1024;
  private static final int COMPRESSED_PIECE = 8 * 1024;

  /**
   * A POST, PATCH or LOCK sent on a kept-alive connection that the worker then closed without an
   * answer may have been acted on, and is never sent again (nginx's rule). So it reuses only a
   * connection idle for less than this: far below Node's 5 s {@code keepAliveTimeout}, so the
   * worker had no reason to close it.
   */
  static final long UNREPEATABLE_IDLE_NANOS = 1_000_000_000L;

  private final Attempt attempt;
  final HttpServletRequest request;
  final HttpServletResponse response;
  private final RequestId requestId;
  private final ConnectionPool pool;
  private final ProxySettings settings;
  private final byte[] buffer;
  private final long bodyBytes;
  private final boolean unrepeatable;
  long written;
  private boolean answering;
  private ServletOutputStream out;
  private IOException clientFailure;
  private boolean leftover;
  private GzipEncoder gzip; // null: the body goes as the worker sent it
  private byte[] compressed;

  /** Starts the try: the worker counts it as in flight from now. */
  FastAttempt(
      Peer peer,
      HttpServletRequest request,
      HttpServletResponse response,
      RequestId requestId,
      ConnectionPool pool,
      ProxySettings settings,
      byte[] buffer,
      long bodyBytes) {
    this.attempt = new Attempt(peer);
    this.bodyBytes = bodyBytes;
    this.unrepeatable = FailureVerdict.NOT_IDEMPOTENT.contains(request.getMethod());
    this.request = request;
    this.response = response;
    this.requestId = requestId;
    this.pool = pool;
    this.settings = settings;
    this.buffer = buffer;
  }

  Peer peer() {
    return attempt.peer();
  }

  String workerName() {
    return attempt.workerName();
  }

  Upstream upstream() {
    return attempt.upstream();
  }

  long millisToHead() {
    return attempt.millisToHead();
  }

  /** Request body bytes sent to the worker. */
  long bodyBytes() {
    return bodyBytes;
  }

  /**
   * @param tries tries so far, this one included
   * @return null when the answer went out whole, else the verdict on the failure
   */
  FailureVerdict run(byte[] message, int tries) {
    try {
      return tryOnce(message, tries);
    } finally {
      if (gzip != null) {
        gzip.close();
      }
    }
  }

  /** The app's own connect timeout: the pool is shared by every app (R20). */
  private int connectTimeoutMillis() {
    return millis(settings.connectTimeout().toMillis());
  }

  private FailureVerdict tryOnce(byte[] message, int tries) {
    Peer peer = attempt.peer();
    WorkerConnection connection = null;
    ResponseParser parser = null;
    try {
      connection =
          pool.take(
              peer.upstream().address(),
              unrepeatable ? UNREPEATABLE_IDLE_NANOS : Long.MAX_VALUE,
              connectTimeoutMillis());
      parser = exchange(connection, message);
      if (parser == null) { // a pooled connection the worker had closed: once more, fresh
        connection.close();
        connection = pool.fresh(peer.upstream().address(), connectTimeoutMillis());
        parser = exchange(connection, message);
        if (parser == null) {
          throw new MalformedResponse("the worker closed the connection without answering");
        }
      }
    } catch (IOException e) {
      if (connection != null) {
        connection.close();
      }
      return failed(e, tries);
    } catch (RuntimeException e) {
      if (connection != null) {
        connection.close();
      }
      attempt.failed(ErrorKind.PROTOCOL, false, bodyBytes, written); // a bug of ours: counted once
      throw e;
    }
    if (parser.reusable() && clientFailure == null && !leftover) {
      pool.giveBack(connection);
    } else {
      connection.close();
    }
    attempt.answered(
        response.getStatus(), System.nanoTime() - attempt.startNanos(), bodyBytes, written);
    return null;
  }

  /**
   * Sends the request (head and small body) and relays the answer.
   *
   * @return the parser at the end of the answer, or null when a pooled connection turned out closed
   *     before any byte of an answer and the request may be sent again
   */
  private ResponseParser exchange(WorkerConnection connection, byte[] message) throws IOException {
    ResponseParser parser = new ResponseParser("HEAD".equals(request.getMethod()), MAX_HEAD);
    try {
      connection.write(message, 0, message.length);
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
        if (connection.reused() && parser.nothingReceived() && !unrepeatable) {
          return null;
        }
        throw e;
      }
      if (n < 0) {
        if (connection.reused() && parser.nothingReceived() && !unrepeatable) {
          return null;
        }
        parser.closed(this);
        if (clientFailure != null) {
          throw clientFailure;
        }
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
        if (gzip != null) {
          flushCompressed();
          if (clientFailure != null) {
            throw clientFailure;
          }
        }
        if (written > 0) {
          out.flush(); // what the worker sent so far goes out now (server-sent events)
        }
      }
    }
  }

  @Override
  public void head(int status, List<String[]> headers) {
    attempt.headArrived();
    response.setStatus(status);
    if (ResponseHeaders.copy(headers, response, request, settings.compression())
        == Compression.GZIP) {
      gzip = settings.compression().encoder();
      compressed = new byte[COMPRESSED_PIECE];
    }
    requestId.stamp(response);
  }

  @Override
  public void body(ByteBuffer piece) {
    if (clientFailure != null || !piece.hasRemaining()) {
      return;
    }
    if (gzip == null) {
      send(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
      return;
    }
    // All of it is taken before returning: the piece's array is the next read's.
    while (piece.hasRemaining()) {
      gzip.input(piece);
      do {
        send(compressed, 0, gzip.compress(compressed, 0, compressed.length));
      } while (!gzip.needsInput());
    }
  }

  /** What the encoder holds of the worker's bytes so far goes out, decodable (compression R5). */
  private void flushCompressed() {
    while (gzip.owes(false) && clientFailure == null) {
      send(compressed, 0, gzip.flush(compressed, 0, compressed.length));
    }
  }

  private void send(byte[] bytes, int offset, int length) {
    if (clientFailure != null || length == 0) {
      return;
    }
    try {
      if (out == null) {
        out = response.getOutputStream();
      }
      answering = true;
      out.write(bytes, offset, length);
      written += length;
    } catch (IOException e) {
      clientFailure = new ClientGoneException(e);
    }
  }

  @Override
  public void end() {
    // the answer is whole: the gzip trailer, if any; the container completes it when the servlet
    // returns
    while (gzip != null && !gzip.finished() && clientFailure == null) {
      send(compressed, 0, gzip.finish(compressed, 0, compressed.length));
    }
  }

  /** Closes the try as failed, and cuts the client's connection if its answer had started. */
  private FailureVerdict failed(IOException failure, int tries) {
    Client client =
        failure instanceof ClientGoneException
            ? Client.GONE
            : answering ? Client.ANSWER_STARTED : Client.WAITING;
    FailureVerdict verdict =
        FailureVerdict.of(
            failure, request.getMethod(), Body.UNREAD, client, tries, settings.maxTries());
    attempt.failed(verdict, bodyBytes, written);
    if (client == Client.ANSWER_STARTED) {
      // The worker broke off in the middle of the body: the client's connection is cut, so a
      // chunked body never looks whole (as the asynchronous path does).
      FailureLog.brokeOffMidBody(
          request, requestId, attempt.workerName(), written, verdict.cause());
      ConnectionAbort.abort(request);
    } else if (client == Client.WAITING && !response.isCommitted()) {
      response.reset();
      requestId.stamp(response);
    }
    return verdict;
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

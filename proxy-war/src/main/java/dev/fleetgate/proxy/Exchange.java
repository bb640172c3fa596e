package dev.fleetgate.proxy;

import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.supervisor.traffic.ErrorKind;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client request while the proxy works on it: which workers it tried, the attempt in flight,
 * and the answer going back. It ends exactly once, and every attempt ends its worker's in-flight
 * count and its traffic record exactly once (R7), so draining a worker never waits for a request
 * that is gone: a failed attempt in {@link #attemptFailed} or {@link #attemptCancelled}, an
 * answered one when its relay ends in {@link #finish}. {@link StallWatch} calls {@link
 * #checkStalled} to enforce the idle timeouts (R11).
 */
final class Exchange {
  private static final Logger LOG = Logger.getLogger(Exchange.class.getName());

  final HttpServletRequest request;
  final HttpServletResponse response;
  final RequestBody body;
  private final AsyncContext async;
  private final AccessLog accessLog;
  private final StallWatch watch;
  private final long readTimeoutNanos;
  private final long responseTimeoutNanos;
  private volatile Throwable timedOut;
  private volatile boolean discarding;
  private volatile boolean listening;

  /** Body bytes the proxy reads and drops after the answer to keep a connection; past it, cut. */
  private static final long DISCARD_LIMIT = 1024 * 1024;

  private final long startNanos = System.nanoTime();
  private volatile long attemptNanos;
  private volatile long headNanos;
  private final AtomicBoolean finished = new AtomicBoolean();
  private List<Peer> tried;
  private volatile Peer current;
  private volatile CompletableFuture<?> attempt;
  private volatile ResponseRelay relay;
  private volatile Throwable lastFailure;

  Exchange(
      AsyncContext async,
      RequestBody body,
      AccessLog accessLog,
      StallWatch watch,
      java.time.Duration readTimeout,
      java.time.Duration responseTimeout) {
    this.async = async;
    this.accessLog = accessLog;
    this.watch = watch;
    this.readTimeoutNanos = readTimeout.toNanos();
    this.responseTimeoutNanos = responseTimeout.toNanos();
    this.request = (HttpServletRequest) async.getRequest();
    this.response = (HttpServletResponse) async.getResponse();
    this.body = body;
    async.addListener(new ClientGone());
    watch.watch(this);
  }

  /** Workers already tried, for the balancer; null before the first retry. */
  List<Peer> tried() {
    return tried;
  }

  int tries() {
    return tried == null ? (current == null ? 0 : 1) : tried.size();
  }

  /** A new attempt on {@code peer}; call before sending, so its answer finds it. */
  void attempting(Peer peer) {
    if (current != null) {
      if (tried == null) {
        tried = new ArrayList<>(4);
      }
      if (!tried.contains(current)) {
        tried.add(current);
      }
    }
    current = peer;
    attempt = null;
    timedOut = null;
    attemptNanos = System.nanoTime();
  }

  void sending(CompletableFuture<?> sending) {
    attempt = sending;
  }

  Peer current() {
    return current;
  }

  /**
   * True once the worker's answer started going to the client (no retry after that), or the client
   * left while it was coming: either way the relay ends the exchange.
   */
  boolean answering() {
    ResponseRelay r = relay;
    return r != null && (r.sentAnything() || r.clientWentAway());
  }

  /**
   * Forgets an answer whose worker failed before a byte of it reached the client: its status and
   * headers are cleared, so another worker's answer or an error reply can take their place.
   */
  void dropUnsentAnswer() {
    if (relay != null && !relay.sentAnything() && !response.isCommitted()) {
      relay = null;
      response.reset();
    }
  }

  /** The worker answered: relay its status and headers, then stream its body (R3). */
  HttpResponse.BodySubscriber<Void> relayHead(HttpResponse.ResponseInfo head) {
    headNanos = System.nanoTime();
    current.health().succeeded();
    response.setStatus(head.statusCode());
    ResponseHeaders.copy(head.headers(), response);
    closeIfUpgradeDeclined();
    try {
      relay = new ResponseRelay(response.getOutputStream(), response.getBufferSize(), this::finish);
      if (!listening) {
        listening = true; // once per request: later attempts' relays are reached through it
        response.getOutputStream().setWriteListener(new ClientWritable());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return relay;
  }

  /**
   * A request asking for an upgrade we do not tunnel ({@code h2c}, which the JDK's own client tries
   * first, or one with a body) is answered as HTTP/1.1, but Grizzly closes such a connection after
   * the answer: saying so lets the client open a new one instead of failing on a dead one.
   */
  private void closeIfUpgradeDeclined() {
    if (request.getHeader("Upgrade") != null) {
      response.setHeader("Connection", "close");
    }
  }

  /** Ends the request with 502, 504 or 413 when nothing was sent yet; else just ends it. */
  void fail(int status, String text, Throwable cause) {
    Peer peer = current;
    FailureLog.failed(request, peer == null ? -1 : peer.workerId(), cause == null ? text : cause);
    if (relay == null && !response.isCommitted()) {
      try {
        response.reset();
        if (!body.fullyRead()) {
          response.setHeader("Connection", "close"); // what is left of the body is never read
        }
        closeIfUpgradeDeclined();
        ProxyServlet.reply(response, status, text);
      } catch (IOException | IllegalStateException e) {
        LOG.log(Level.FINE, "Client gone before the error reply", e);
      }
    }
    finish();
  }

  /** How the last attempt failed, or null: decides 502 or 504 when no worker is left to try. */
  Throwable lastFailure() {
    return lastFailure;
  }

  /** Why the proxy's own idle timeout ended the attempt (R11), or null. */
  Throwable timedOut() {
    return timedOut;
  }

  /** The attempt on the current worker is over (failed); its in-flight count ends. */
  void attemptFailed(Throwable cause) {
    lastFailure = cause;
    Peer peer = current;
    if (peer != null) {
      peer.upstream().requestFinished();
      peer.upstream().traffic().failed(ErrorKinds.of(cause), body.bytes(), 0);
      if (!body.tooLarge() && !body.clientFailed() && !(cause instanceof ClientTooSlow)) {
        // An oversized, broken-off or stalled upload is the client's fault, not the worker's.
        peer.health().failed();
      }
    }
  }

  /** The client left before the worker answered: not the worker's fault. */
  void attemptCancelled() {
    Peer peer = current;
    if (peer != null) {
      peer.upstream().requestFinished();
      peer.upstream().traffic().failed(ErrorKind.CLIENT_ABORT, body.bytes(), 0);
    }
    finish();
  }

  /** Ends the exchange once the response went out, or could not. */
  void finish() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    Peer peer = current;
    ResponseRelay r = relay;
    if (peer != null && r != null) {
      peer.upstream().requestFinished();
      recordAnswered(peer, r);
    }
    if (accessLog.enabled()) {
      logAccess(peer);
    }
    if (r != null && r.failure() != null && !r.clientWentAway()) {
      // The worker broke off (or fell silent) in the middle of the body. Completing alone would
      // end a chunked body as if it were whole: the client's connection is cut first.
      ConnectionAbort.abort(request);
    } else if (r != null && !body.fullyRead() && !body.clientFailed() && !body.tooLarge()) {
      // The worker answered before it read the whole body. (The proxy's own error replies say
      // Connection: close instead, and must go out now.)
      discarding = true;
      body.discardRest(
          DISCARD_LIMIT,
          whole -> {
            if (!whole) {
              ConnectionAbort.abort(request);
            }
            complete();
          });
      return;
    }
    complete();
  }

  private void complete() {
    watch.forget(this);
    try {
      async.complete();
    } catch (IllegalStateException alreadyComplete) {
      LOG.log(Level.FINE, "Exchange already complete", alreadyComplete);
    }
  }

  private void recordAnswered(Peer peer, ResponseRelay r) {
    Throwable failure = r.failure();
    if (failure == null) {
      peer.upstream()
          .traffic()
          .completed(
              response.getStatus(), System.nanoTime() - attemptNanos, body.bytes(), r.written());
    } else {
      ErrorKind kind = r.clientWentAway() ? ErrorKind.CLIENT_ABORT : ErrorKinds.of(failure);
      peer.upstream().traffic().failed(kind, body.bytes(), r.written());
      if (kind != ErrorKind.CLIENT_ABORT) {
        FailureLog.brokeOffMidBody(request, peer.workerId(), r.written(), failure);
      }
    }
  }

  /**
   * Ends the attempt if it made no progress for its timeout (R11): the worker silent after headers
   * for {@code read-timeout}; a request body that did not move for {@code read-timeout}; no
   * response headers within {@code response-timeout} after the body was sent.
   */
  void checkStalled(long now) {
    if (discarding) {
      if (now - body.lastReadNanos() > readTimeoutNanos) {
        ConnectionAbort.abort(request); // the client stopped sending the rest of its body
        complete();
      }
      return;
    }
    if (finished.get()) {
      return;
    }
    ResponseRelay r = relay;
    if (r != null) {
      if (r.waitingForWorker() && now - r.lastWorkerNanos() > readTimeoutNanos) {
        r.cancel(new HttpTimeoutException("worker sent nothing for " + millis(readTimeoutNanos)));
      } else if (r.waitingForClient() && now - r.lastClientNanos() > readTimeoutNanos) {
        r.clientGone(new IOException("client took nothing for " + millis(readTimeoutNanos)));
      }
      return;
    }
    CompletableFuture<?> sending = attempt;
    if (sending == null || !body.present()) {
      return; // without a body, the JDK client's own request timeout applies
    }
    long bodyDone = body.completedNanos();
    if (bodyDone == 0) {
      long lastMove = Math.max(attemptNanos, body.lastReadNanos());
      if (now - lastMove > readTimeoutNanos) {
        timeOut(
            sending,
            body.waitingForClient()
                ? new ClientTooSlow("client sent no body bytes for " + millis(readTimeoutNanos))
                : new HttpTimeoutException(
                    "worker read no body bytes for " + millis(readTimeoutNanos)));
      }
    } else if (now - Math.max(bodyDone, attemptNanos) > responseTimeoutNanos) {
      timeOut(
          sending,
          new HttpTimeoutException("no response headers within " + millis(responseTimeoutNanos)));
    }
  }

  private void timeOut(CompletableFuture<?> sending, Throwable cause) {
    timedOut = cause;
    sending.cancel(true); // the attempt ends through ProxyServlet.attemptFailed
  }

  private static String millis(long nanos) {
    return nanos / 1_000_000 + " ms";
  }

  private void logAccess(Peer peer) {
    ResponseRelay r = relay;
    long now = System.nanoTime();
    accessLog.log(
        AccessLog.Entry.of(
            request,
            response.getStatus(),
            r == null ? 0 : r.written(),
            peer == null ? -1 : peer.workerId(),
            headNanos == 0 ? -1 : (headNanos - attemptNanos) / 1_000_000,
            (now - startNanos) / 1_000_000));
  }

  boolean finished() {
    return finished.get();
  }

  /** The container's word on the client's side of the answer, passed to the current relay. */
  private final class ClientWritable implements jakarta.servlet.WriteListener {
    @Override
    public void onWritePossible() {
      ResponseRelay r = relay;
      if (r != null) {
        r.writePossible();
      }
    }

    @Override
    public void onError(Throwable clientError) {
      ResponseRelay r = relay;
      if (r != null) {
        r.clientGone(clientError); // the client went away: stop reading from the worker
      }
    }
  }

  /** The client went away or broke the connection: stop the worker's side too. */
  private final class ClientGone implements AsyncListener {
    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}

    @Override
    public void onTimeout(AsyncEvent event) {
      gone(event);
    }

    @Override
    public void onError(AsyncEvent event) {
      gone(event);
    }

    private void gone(AsyncEvent event) {
      CompletableFuture<?> sending = attempt;
      if (sending != null) {
        sending.cancel(true);
      }
      ResponseRelay r = relay;
      if (r != null) {
        r.clientGone(event.getThrowable());
      }
    }
  }
}

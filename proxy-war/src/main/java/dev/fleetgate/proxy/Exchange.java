package dev.fleetgate.proxy;

import dev.fleetgate.proxy.FailureVerdict.Body;
import dev.fleetgate.proxy.FailureVerdict.Client;
import dev.fleetgate.proxy.accesslog.AccessLog;
import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.proxy.compression.Compression;
import dev.fleetgate.proxy.compression.CompressionPolicy;
import dev.fleetgate.proxy.routes.Route;
import dev.fleetgate.supervisor.traffic.ErrorKind;
import jakarta.servlet.AsyncContext;
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
 * One client request on the asynchronous path while the proxy works on it: which workers it tried,
 * the {@link Attempt} in flight, and the answer going back. Its way: {@link #attempting} starts a
 * try → {@link #relayHead} takes the worker's answer and streams it ({@link ResponseRelay}) → the
 * relay's end calls {@link #finish}; or the try fails before any of its answer reached the client,
 * and {@link #attemptFailed} closes it and hands {@link ProxyServlet} the {@link FailureVerdict}:
 * another worker, {@link #fail} with the proxy's own answer, or nothing (the client left).
 *
 * <p>It ends exactly once, and each attempt's counts close exactly once whichever of these comes
 * first (R7), so draining a worker never waits for a request that is gone. {@link StallWatch} calls
 * {@link #checkStalled} to enforce the idle timeouts (R11).
 */
final class Exchange {
  private static final Logger LOG = Logger.getLogger(Exchange.class.getName());

  final HttpServletRequest request;
  final HttpServletResponse response;
  final RequestBody body;
  final RequestId requestId;

  /** The app the request goes to, and the path its workers get (R20). */
  final Route<AppPool> route;

  private final AsyncContext async;
  private final AccessLog accessLog;
  private final StallWatch watch;
  private final long readTimeoutNanos;
  private final long responseTimeoutNanos;
  private final int maxTries;
  private final CompressionPolicy compression;
  private volatile Throwable timedOut;
  private volatile boolean discarding;
  private volatile boolean listening;
  private final ClientSide client;

  /** Body bytes the proxy reads and drops after the answer to keep a connection; past it, cut. */
  private static final long DISCARD_LIMIT = 1024 * 1024;

  private final long startNanos = System.nanoTime();
  private final AtomicBoolean finished = new AtomicBoolean();
  private List<Peer> tried;
  private int tries;
  private volatile Attempt attempt;
  private volatile CompletableFuture<?> sending;
  private volatile ResponseRelay relay;
  private volatile FailureVerdict lastVerdict;

  Exchange(
      AsyncContext async,
      RequestBody body,
      ProxySettings settings,
      AccessLog accessLog,
      RequestId requestId,
      StallWatch watch,
      Route<AppPool> route) {
    this.async = async;
    this.route = route;
    this.accessLog = accessLog;
    this.requestId = requestId;
    this.watch = watch;
    this.readTimeoutNanos = settings.readTimeout().toNanos();
    this.responseTimeoutNanos = settings.responseTimeout().toNanos();
    this.maxTries = settings.maxTries();
    this.compression = settings.compression();
    this.request = (HttpServletRequest) async.getRequest();
    this.response = (HttpServletResponse) async.getResponse();
    this.body = body;
    client = new ClientSide(this);
    async.addListener(client);
    watch.watch(this);
  }

  /** Workers already tried, for the balancer; null before the first retry. */
  List<Peer> tried() {
    return tried;
  }

  /**
   * A new attempt on {@code peer}: its counts start now ({@link Attempt}). Call before sending, so
   * its answer finds it.
   */
  void attempting(Peer peer) {
    Attempt previous = attempt;
    if (previous != null) {
      if (tried == null) {
        tried = new ArrayList<>(4);
      }
      if (!tried.contains(previous.peer())) {
        tried.add(previous.peer());
      }
    }
    sending = null;
    timedOut = null;
    tries++;
    attempt = new Attempt(peer);
  }

  /** The worker of the attempt in flight (or the last one), by name ({@code api/0}). */
  String workerName() {
    return attempt.workerName();
  }

  void sending(CompletableFuture<?> sending) {
    this.sending = sending;
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
      requestId.stamp(response);
    }
  }

  /** The worker answered: relay its status and headers, then stream its body (R3). */
  HttpResponse.BodySubscriber<Void> relayHead(HttpResponse.ResponseInfo head) {
    attempt.headArrived();
    response.setStatus(head.statusCode());
    Compression coding = ResponseHeaders.copy(head.headers(), response, request, compression);
    requestId.stamp(response);
    closeIfUpgradeDeclined();
    try {
      relay =
          new ResponseRelay(
              response.getOutputStream(),
              response.getBufferSize(),
              this::finish,
              coding == Compression.GZIP ? compression.encoder() : null);
      if (!listening) {
        listening = true; // once per request: later attempts' relays are reached through it
        response.getOutputStream().setWriteListener(client);
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

  /**
   * The attempt in flight failed before any of its answer reached the client: closes its counts and
   * says what follows. The cause is the proxy's own idle timeout when that cancelled it (R11).
   */
  FailureVerdict attemptFailed(Throwable error) {
    Throwable ownTimeout = timedOut;
    Client client =
        ownTimeout == null && (finished.get() || body.clientFailed())
            ? Client.GONE
            : Client.WAITING;
    FailureVerdict verdict =
        FailureVerdict.of(
            ownTimeout != null ? ownTimeout : error,
            request.getMethod(),
            bodyState(),
            client,
            tries,
            maxTries);
    attempt.failed(verdict, body.bytes(), 0);
    if (verdict.answers()) {
      lastVerdict = verdict;
      dropUnsentAnswer();
    }
    return verdict;
  }

  /**
   * The verdict on the last failed attempt, or null: when no worker is left to try, its answer is
   * the client's (as nginx: the last worker's error counts).
   */
  FailureVerdict lastVerdict() {
    return lastVerdict;
  }

  /** Ends the request as {@code verdict} says: the proxy's own answer, or none (client gone). */
  void fail(FailureVerdict verdict) {
    if (verdict.answers()) {
      fail(verdict.status(), verdict.text(attempt.workerName()), verdict.cause());
    } else {
      finish();
    }
  }

  /** Ends the request with the proxy's own answer when nothing was sent yet; else just ends it. */
  void fail(int status, String text, Throwable cause) {
    Attempt a = attempt;
    FailureLog.failed(
        request, requestId, a == null ? null : a.workerName(), cause == null ? text : cause);
    if (relay == null && !response.isCommitted()) {
      try {
        response.reset();
        requestId.stamp(response);
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

  private Body bodyState() {
    return Body.of(body.read(), body.tooLarge(), body.endedShort());
  }

  /** Ends the exchange once the response went out, or could not. */
  void finish() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    Attempt a = attempt;
    ResponseRelay r = relay;
    if (a != null && r != null) {
      closeAnswered(a, r);
    }
    if (accessLog.enabled()) {
      logAccess(a);
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

  /** Closes the attempt whose answer went to the client: whole, or broken off (R7, R12). */
  private void closeAnswered(Attempt a, ResponseRelay r) {
    Throwable failure = r.failure();
    if (failure == null) {
      a.answered(
          response.getStatus(), System.nanoTime() - a.startNanos(), body.bytes(), r.written());
      return;
    }
    FailureVerdict verdict =
        FailureVerdict.of(
            failure,
            request.getMethod(),
            bodyState(),
            r.clientWentAway() ? Client.GONE : Client.ANSWER_STARTED,
            tries,
            maxTries);
    a.failed(verdict, body.bytes(), r.written());
    if (verdict.kind() != ErrorKind.CLIENT_ABORT) {
      FailureLog.brokeOffMidBody(request, requestId, a.workerName(), r.written(), verdict.cause());
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
    CompletableFuture<?> sending = this.sending;
    Attempt a = attempt;
    if (sending == null || a == null || !body.present()) {
      return; // without a body, the JDK client's own request timeout applies
    }
    long attemptNanos = a.startNanos();
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

  private void logAccess(Attempt a) {
    ResponseRelay r = relay;
    long now = System.nanoTime();
    accessLog.log(
        AccessLog.Entry.of(
            request,
            requestId.value(),
            response.getStatus(),
            body.bytes(),
            r == null ? 0 : r.written(),
            a == null ? null : a.upstream(),
            a == null ? -1 : a.millisToHead(),
            (now - startNanos) / 1_000_000,
            Math.max(0, tries - 1)));
  }

  boolean finished() {
    return finished.get();
  }

  /** The relay of the answer under way, or null. */
  ResponseRelay currentRelay() {
    return relay;
  }

  /** The send to the worker under way, or null. */
  CompletableFuture<?> currentSending() {
    return sending;
  }
}

package dev.fleetgate.proxy;

import dev.fleetgate.proxy.balance.Peer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client request while the proxy works on it: which workers it tried, the attempt in flight,
 * and the answer going back. It ends exactly once, and every attempt ends its worker's in-flight
 * count exactly once (R7), so draining a worker never waits for a request that is gone: a failed
 * attempt in {@link #attemptFailed} or {@link #attemptCancelled}, an answered one when its relay
 * ends in {@link #finish}.
 */
final class Exchange {
  private static final Logger LOG = Logger.getLogger(Exchange.class.getName());

  final HttpServletRequest request;
  final HttpServletResponse response;
  final RequestBody body;
  private final AsyncContext async;
  private final AccessLog accessLog;
  private final long startNanos = System.nanoTime();
  private volatile long attemptNanos;
  private volatile long headNanos;
  private final AtomicBoolean finished = new AtomicBoolean();
  private List<Peer> tried;
  private volatile Peer current;
  private volatile CompletableFuture<?> attempt;
  private volatile ResponseRelay relay;
  private volatile Throwable lastFailure;

  Exchange(AsyncContext async, RequestBody body, AccessLog accessLog) {
    this.async = async;
    this.accessLog = accessLog;
    this.request = (HttpServletRequest) async.getRequest();
    this.response = (HttpServletResponse) async.getResponse();
    this.body = body;
    async.addListener(new ClientGone());
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
    attemptNanos = System.nanoTime();
  }

  void sending(CompletableFuture<?> sending) {
    attempt = sending;
  }

  Peer current() {
    return current;
  }

  /** True once the worker's answer started going to the client: no retry after that. */
  boolean answering() {
    return relay != null;
  }

  /** The worker answered: relay its status and headers, then stream its body (R3). */
  HttpResponse.BodySubscriber<Void> relayHead(HttpResponse.ResponseInfo head) {
    headNanos = System.nanoTime();
    current.health().succeeded();
    response.setStatus(head.statusCode());
    ResponseHeaders.copy(head.headers(), response);
    try {
      relay = new ResponseRelay(response.getOutputStream(), this::finish);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    relay.start();
    return relay;
  }

  /** Ends the request with 502, 504 or 413 when nothing was sent yet; else just ends it. */
  void fail(int status, String text, Throwable cause) {
    Peer peer = current;
    LOG.log(
        Level.WARNING,
        "{0} {1} failed on worker {2}: {3}",
        new Object[] {
          request.getMethod(),
          request.getRequestURI(),
          peer == null ? "-" : Integer.toString(peer.workerId()),
          cause == null ? text : cause.toString()
        });
    if (relay == null && !response.isCommitted()) {
      try {
        response.reset();
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

  /** The attempt on the current worker is over (failed); its in-flight count ends. */
  void attemptFailed(Throwable cause) {
    lastFailure = cause;
    Peer peer = current;
    if (peer != null) {
      peer.upstream().requestFinished();
      if (!body.tooLarge() && !body.clientFailed()) {
        // An oversized or broken-off upload is the client's fault, not the worker's.
        peer.health().failed();
      }
    }
  }

  /** The client left before the worker answered: not the worker's fault. */
  void attemptCancelled() {
    Peer peer = current;
    if (peer != null) {
      peer.upstream().requestFinished();
    }
    finish();
  }

  void finish() {
    if (finished.compareAndSet(false, true)) {
      Peer peer = current;
      if (peer != null && relay != null) {
        peer.upstream().requestFinished();
      }
      if (accessLog.enabled()) {
        logAccess(peer);
      }
      try {
        async.complete();
      } catch (IllegalStateException alreadyComplete) {
        LOG.log(Level.FINE, "Exchange already complete", alreadyComplete);
      }
    }
  }

  private void logAccess(Peer peer) {
    ResponseRelay r = relay;
    String query = request.getQueryString();
    long now = System.nanoTime();
    accessLog.log(
        new AccessLog.Entry(
            request.getRemoteAddr(),
            request.getMethod(),
            request.getRequestURI() + (query == null ? "" : "?" + query),
            response.getStatus(),
            r == null ? 0 : r.written(),
            peer == null ? -1 : peer.workerId(),
            headNanos == 0 ? -1 : (headNanos - attemptNanos) / 1_000_000,
            (now - startNanos) / 1_000_000));
  }

  boolean finished() {
    return finished.get();
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
        r.cancel(event.getThrowable());
      }
    }
  }
}

package dev.fleetgate.proxy;

import dev.fleetgate.proxy.balance.Balancer;
import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.proxy.balance.PeerSet;
import dev.fleetgate.proxy.upstream.ConnectionPool;
import dev.fleetgate.proxy.upstream.ResponseParser;
import dev.fleetgate.supervisor.routing.RoutingTable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The synchronous fast path (R15): a request without a body is proxied on the container thread that
 * received it, start to finish, over a pooled kept-alive connection to the worker ({@link
 * ConnectionPool}) and a strict parser of its answer ({@link ResponseParser}) — no {@code
 * startAsync}, no hand-off between threads. Finishing a response from another thread, which every
 * asynchronous HTTP client does, tripled the container's cost per request (README, Performance).
 *
 * <p>Container threads are few, so at most {@code fleetgate.proxy.sync-threads} of them wait on
 * workers at once; a request over that budget, or one with a body or an upgrade, takes the
 * asynchronous path, which holds no thread. Slow answers and long streams therefore never take
 * every request thread. The rules are those of the asynchronous path: the same worker choice,
 * headers, retries (nginx's {@code proxy_next_upstream error timeout}), timeouts, passive health,
 * traffic figures and access log.
 */
final class FastPath {
  private static final Logger LOG = Logger.getLogger(FastPath.class.getName());
  private static final int READ_BUFFER = 16 * 1024;

  private final ProxySettings settings;
  private final Balancer balancer;
  private final RoutingTable routing;
  private final ForwardingPolicy forwarding;
  private final ConnectionPool pool;
  private final int maxWaiting;
  private final AtomicInteger waiting = new AtomicInteger();
  private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[READ_BUFFER]);

  FastPath(
      ProxySettings settings,
      Balancer balancer,
      RoutingTable routing,
      ForwardingPolicy forwarding,
      ConnectionPool pool) {
    this.settings = settings;
    this.balancer = balancer;
    this.routing = routing;
    this.forwarding = forwarding;
    this.pool = pool;
    this.maxWaiting = settings.syncThreads();
  }

  /**
   * True for a request this path may take: no body, no upgrade, and a method that may be sent again
   * (a pooled connection the worker closed before answering is retried on a new one, which a POST
   * must never be: the worker may have acted on it).
   */
  static boolean suits(HttpServletRequest request) {
    return request.getContentLengthLong() <= 0
        && request.getHeader("Transfer-Encoding") == null
        && request.getHeader("Upgrade") == null
        && !ProxyServlet.NOT_IDEMPOTENT.contains(request.getMethod());
  }

  /**
   * Proxies the request on this thread if a place in the budget is free.
   *
   * @return false when it did nothing (the budget is spent): the asynchronous path takes over
   */
  boolean tryProxy(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      return false;
    }
    try {
      proxy(request, response);
      return true;
    } finally {
      waiting.decrementAndGet();
    }
  }

  private void proxy(HttpServletRequest request, HttpServletResponse response) throws IOException {
    long started = System.nanoTime();
    byte[] head = null;
    List<Peer> tried = null;
    Peer peer = null;
    Throwable lastFailure = null;
    FastAttempt attempt = null;
    while (true) {
      PeerSet peers = balancer.peers(routing.current());
      Peer next = balancer.choose(peers, settings.hashKey().of(request), tried);
      if (next == null) {
        if (lastFailure != null) {
          failWith(request, response, peer, lastFailure);
        } else {
          failWith(
              request,
              response,
              null,
              peers.peers().isEmpty() ? "no worker is ready" : "no live worker",
              HttpServletResponse.SC_BAD_GATEWAY);
        }
        log(request, response, peer, attempt, started);
        return;
      }
      if (peer != null) {
        if (tried == null) {
          tried = new ArrayList<>(4);
        }
        tried.add(peer);
      }
      peer = next;
      if (head == null) {
        head = WorkerRequestHead.of(request, forwarding, null);
      }
      attempt = new FastAttempt(peer, request, response, pool, settings, buffers.get());
      Throwable failure = attempt.run(head);
      if (failure == null) {
        log(request, response, peer, attempt, started);
        return;
      }
      lastFailure = failure;
      if (attempt.answering || !retryable(tried == null ? 1 : tried.size() + 1)) {
        if (!attempt.answering) {
          failWith(request, response, peer, failure);
        }
        log(request, response, peer, attempt, started);
        return;
      }
      LOG.log(
          Level.INFO,
          "Worker {0} failed ({1}); trying another",
          new Object[] {Integer.toString(peer.workerId()), failure.toString()});
    }
  }

  /**
   * As the asynchronous path: another worker while tries remain (every request here may be sent
   * again: {@link #suits}).
   */
  private boolean retryable(int tries) {
    return tries < settings.maxTries();
  }

  private void failWith(
      HttpServletRequest request, HttpServletResponse response, Peer peer, Throwable cause)
      throws IOException {
    if (cause instanceof HttpTimeoutException) {
      failWith(
          request,
          response,
          peer,
          "gateway timeout: worker " + peer.workerId() + " did not answer in time",
          HttpServletResponse.SC_GATEWAY_TIMEOUT);
    } else {
      failWith(
          request,
          response,
          peer,
          "bad gateway: worker " + peer.workerId() + " failed",
          HttpServletResponse.SC_BAD_GATEWAY);
    }
    FailureLog.failed(request, peer == null ? -1 : peer.workerId(), cause);
  }

  private static void failWith(
      HttpServletRequest request, HttpServletResponse response, Peer peer, String text, int status)
      throws IOException {
    if (peer == null) {
      FailureLog.failed(request, -1, text);
    }
    if (!response.isCommitted()) {
      response.reset();
      ProxyServlet.reply(response, status, text);
    }
  }

  private void log(
      HttpServletRequest request,
      HttpServletResponse response,
      Peer peer,
      FastAttempt attempt,
      long started) {
    AccessLog accessLog = settings.accessLog();
    if (!accessLog.enabled()) {
      return;
    }
    accessLog.log(
        AccessLog.Entry.of(
            request,
            response.getStatus(),
            attempt == null ? 0 : attempt.written,
            peer == null ? -1 : peer.workerId(),
            attempt == null || attempt.headNanos == 0
                ? -1
                : (attempt.headNanos - attempt.startNanos) / 1_000_000,
            (System.nanoTime() - started) / 1_000_000));
  }
}

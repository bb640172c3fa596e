package dev.fleetgate.proxy;

import dev.fleetgate.proxy.accesslog.AccessLog;
import dev.fleetgate.proxy.balance.Balancer;
import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.proxy.balance.PeerSet;
import dev.fleetgate.proxy.routes.Route;
import dev.fleetgate.proxy.upstream.ConnectionPool;
import dev.fleetgate.proxy.upstream.ResponseParser;
import dev.fleetgate.supervisor.routing.RoutingTable;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The synchronous fast path (R15): a request without a body, or with a small one that arrived with
 * its head, is proxied on the container thread that received it, start to finish, over a pooled
 * kept-alive connection to the worker ({@link ConnectionPool}) and a strict parser of its answer
 * ({@link ResponseParser}) — no {@code startAsync}, no hand-off between threads. Finishing a
 * response from another thread, which every asynchronous HTTP client does, tripled the container's
 * cost per request (README, Performance).
 *
 * <p>Container threads are few, so at most {@code fleetgate.proxy.sync-threads} of them wait on
 * workers at once; a request over that budget, one with a large, chunked or late body, or an
 * upgrade takes the asynchronous path, which holds no thread. Slow answers and long streams
 * therefore never take every request thread. The rules are those of the asynchronous path: the same
 * worker choice, headers, timeouts and access log, the same {@link FailureVerdict} on a failed try
 * (retries as nginx's {@code proxy_next_upstream error timeout}, 502 or 504) and the same {@link
 * Attempt} counting it (in flight, traffic figures, passive health).
 */
final class FastPath {
  private static final int READ_BUFFER = 16 * 1024;

  private final ProxySettings settings;
  private final Balancer balancer;
  private final RoutingTable routing;
  private final ForwardingPolicy forwarding;
  private final AccessLog accessLog;
  private final ConnectionPool pool;
  private final int maxWaiting;
  private final AtomicInteger waiting;
  private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[READ_BUFFER]);

  FastPath(
      ProxySettings settings,
      Balancer balancer,
      RoutingTable routing,
      ForwardingPolicy forwarding,
      AccessLog accessLog,
      ConnectionPool pool,
      AtomicInteger waiting,
      int maxWaiting) {
    this.settings = settings;
    this.balancer = balancer;
    this.routing = routing;
    this.forwarding = forwarding;
    this.accessLog = accessLog;
    this.pool = pool;
    this.waiting = waiting; // shared by every app's fast path: one budget of request threads
    this.maxWaiting = maxWaiting;
  }

  /**
   * Bodies up to this size are read whole when they already arrived with the head, as nginx's
   * {@code client_body_buffer_size} keeps small bodies in memory.
   */
  static final int SMALL_BODY = 16 * 1024;

  /**
   * True for a request this path may take: no upgrade, and no body or one of a declared length of
   * at most {@link #SMALL_BODY} (and within {@code max-body-size}); {@link #tryProxy} then also
   * checks that the body has arrived.
   */
  static boolean suits(HttpServletRequest request, long maxBodySize) {
    long length = request.getContentLengthLong();
    return length <= SMALL_BODY
        && (maxBodySize <= 0 || length <= maxBodySize)
        && !RequestFraming.undeclaredLengthBody(request)
        && request.getHeader("Upgrade") == null;
  }

  /**
   * Proxies the request on this thread if a place in the budget is free and its body, if any, is
   * already in the container's buffer (reading it cannot wait on the client).
   *
   * @return false when it did nothing: the asynchronous path takes over
   */
  boolean tryProxy(
      HttpServletRequest request, HttpServletResponse response, RequestId id, Route<?> route)
      throws IOException {
    int bodyLength = (int) Math.max(0, request.getContentLengthLong());
    if (bodyLength > 0 && request.getInputStream().available() < bodyLength) {
      return false; // still on its way (or behind Expect: 100-continue): read without a thread
    }
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      return false;
    }
    try {
      proxy(request, response, bodyLength, id, route);
      return true;
    } finally {
      waiting.decrementAndGet();
    }
  }

  /** The head the worker gets, followed by the body when there is one: one write. */
  private byte[] message(HttpServletRequest request, int bodyLength, RequestId id, Route<?> route)
      throws IOException {
    byte[] head = WorkerRequestHead.of(request, route, forwarding, id, null, bodyLength);
    if (bodyLength == 0) {
      return head;
    }
    byte[] message = Arrays.copyOf(head, head.length + bodyLength);
    ServletInputStream in = request.getInputStream();
    for (int at = head.length, n; at < message.length; at += n) {
      n = in.read(message, at, message.length - at);
      if (n < 0) {
        throw new IOException("the client's body ended before its Content-Length");
      }
    }
    return message;
  }

  /**
   * Tries workers in turn until one answers or the {@link FailureVerdict} says to stop, then writes
   * the access log line (R1, R4, R5, R9).
   */
  private void proxy(
      HttpServletRequest request,
      HttpServletResponse response,
      int bodyLength,
      RequestId id,
      Route<?> route)
      throws IOException {
    long started = System.nanoTime();
    byte[] message = null;
    List<Peer> tried = null;
    FastAttempt attempt = null;
    FailureVerdict verdict = null;
    int tries = 0;
    while (true) {
      PeerSet peers = balancer.peers(routing.current());
      Peer next = balancer.choose(peers, settings.hashKey().of(request), tried);
      if (next == null) {
        if (verdict != null) { // as nginx: the last worker's error counts
          reply(request, response, id, verdict, attempt.workerName());
        } else {
          String text = peers.peers().isEmpty() ? "no worker is ready" : "no live worker";
          reply(request, response, id, null, HttpServletResponse.SC_BAD_GATEWAY, text, text);
        }
        break;
      }
      if (attempt != null) {
        if (tried == null) {
          tried = new ArrayList<>(4);
        }
        tried.add(attempt.peer());
      }
      if (message == null) {
        message = message(request, bodyLength, id, route);
      }
      attempt =
          new FastAttempt(next, request, response, id, pool, settings, buffers.get(), bodyLength);
      verdict = attempt.run(message, ++tries);
      if (verdict == null) {
        break; // answered
      }
      if (!verdict.retry()) {
        reply(request, response, id, verdict, attempt.workerName());
        break;
      }
      FailureLog.retrying(id, attempt.workerName(), verdict.cause());
    }
    log(request, response, id, attempt, tries, started);
  }

  /** The proxy's own answer after a failure, unless part of the worker's already went out. */
  private static void reply(
      HttpServletRequest request,
      HttpServletResponse response,
      RequestId id,
      FailureVerdict verdict,
      String worker)
      throws IOException {
    if (verdict.answers()) {
      reply(request, response, id, worker, verdict.status(), verdict.text(worker), verdict.cause());
    }
  }

  private static void reply(
      HttpServletRequest request,
      HttpServletResponse response,
      RequestId id,
      String worker,
      int status,
      String text,
      Object why)
      throws IOException {
    FailureLog.failed(request, id, worker, why);
    if (!response.isCommitted()) {
      response.reset();
      id.stamp(response);
      ProxyServlet.reply(response, status, text);
    }
  }

  private void log(
      HttpServletRequest request,
      HttpServletResponse response,
      RequestId id,
      FastAttempt attempt,
      int tries,
      long started) {
    if (!accessLog.enabled()) {
      return;
    }
    accessLog.log(
        AccessLog.Entry.of(
            request,
            id.value(),
            response.getStatus(),
            attempt == null ? 0 : attempt.bodyBytes(),
            attempt == null ? 0 : attempt.written,
            attempt == null ? null : attempt.upstream(),
            attempt == null ? -1 : attempt.millisToHead(),
            (System.nanoTime() - started) / 1_000_000,
            Math.max(0, tries - 1)));
  }
}

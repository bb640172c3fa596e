package dev.fleetgate.proxy;

import dev.fleetgate.proxy.balance.Balancer;
import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.proxy.balance.PeerSet;
import dev.fleetgate.proxy.headers.HopByHopHeaders;
import dev.fleetgate.proxy.headers.RequestHeaders;
import dev.fleetgate.proxy.upstream.ConnectionPool;
import dev.fleetgate.proxy.upstream.MalformedResponse;
import dev.fleetgate.proxy.upstream.ResponseParser;
import dev.fleetgate.proxy.upstream.WorkerConnection;
import dev.fleetgate.supervisor.routing.RoutingTable;
import dev.fleetgate.supervisor.traffic.ErrorKind;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
  private static final int MAX_HEAD = 64 * 1024;
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
    Attempt attempt = null;
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
        head = requestHead(request);
      }
      attempt = new Attempt(peer, request, response);
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
    LOG.log(
        Level.WARNING,
        "{0} {1} failed on worker {2}: {3}",
        new Object[] {
          request.getMethod(),
          request.getRequestURI(),
          peer == null ? "-" : Integer.toString(peer.workerId()),
          cause.toString()
        });
  }

  private static void failWith(
      HttpServletRequest request, HttpServletResponse response, Peer peer, String text, int status)
      throws IOException {
    if (peer == null) {
      LOG.log(
          Level.WARNING,
          "{0} {1} failed on worker -: {2}",
          new Object[] {request.getMethod(), request.getRequestURI(), text});
    }
    if (!response.isCommitted()) {
      response.reset();
      ProxyServlet.reply(response, status, text);
    }
  }

  /** The request head the worker gets (R2): same target and headers, hop-by-hop ones dropped. */
  private byte[] requestHead(HttpServletRequest request) {
    StringBuilder head = new StringBuilder(512);
    String query = request.getQueryString();
    head.append(request.getMethod()).append(' ').append(request.getRequestURI());
    if (query != null) {
      head.append('?').append(query);
    }
    head.append(" HTTP/1.1\r\n");
    Map<String, String> forwarded = forwarding.headersFor(request);
    HopByHopHeaders hopByHop =
        HopByHopHeaders.of(Collections.list(request.getHeaders("Connection")));
    for (String name : Collections.list(request.getHeaderNames())) {
      if (RequestHeaders.copied(name, hopByHop) && !setByTheProxy(name, forwarded)) {
        for (String value : Collections.list(request.getHeaders(name))) {
          appendHeader(head, name, value);
        }
      }
    }
    String host = request.getHeader("Host");
    if (host != null) {
      appendHeader(head, "Host", host);
    }
    forwarded.forEach((name, value) -> appendHeader(head, name, value));
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean setByTheProxy(String name, Map<String, String> forwarded) {
    for (String set : forwarded.keySet()) {
      if (set.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static void appendHeader(StringBuilder head, String name, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      return; // never a header line of our own making (the front door refuses them first)
    }
    head.append(name).append(": ").append(value).append("\r\n");
  }

  private void log(
      HttpServletRequest request,
      HttpServletResponse response,
      Peer peer,
      Attempt attempt,
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

  /** One try on one worker: send the head, relay the answer as it arrives. */
  private final class Attempt implements ResponseParser.Sink {
    final Peer peer;
    final HttpServletRequest request;
    final HttpServletResponse response;
    final long startNanos = System.nanoTime();
    long headNanos;
    long written;
    boolean answering;
    private ServletOutputStream out;
    private IOException clientFailure;
    private boolean leftover;

    Attempt(Peer peer, HttpServletRequest request, HttpServletResponse response) {
      this.peer = peer;
      this.request = request;
      this.response = response;
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
     * @return the parser at the end of the answer, or null when a pooled connection turned out
     *     closed before any byte of an answer
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
      byte[] buffer = buffers.get();
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
        AccessLog.brokeOffMidBody(request, peer.workerId(), written, cause);
        ConnectionAbort.abort(request);
      } else if (!response.isCommitted()) {
        response.reset();
      }
      return cause;
    }
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

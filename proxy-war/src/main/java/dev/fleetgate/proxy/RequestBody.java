package dev.fleetgate.proxy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's request body on its way to a worker, streamed with servlet non-blocking input: no
 * thread waits for a slow client, and no more is read than the worker's connection asked for, so
 * memory stays at a few buffers whatever the body's size (R3). It remembers whether any of it was
 * read — a request whose body a worker may have seen cannot be sent to another one — and stops at
 * {@code fleetgate.proxy.max-body-size} (R6).
 *
 * <p>The JDK client asks for buffers from its threads, the container says when the client sent more
 * from its own; {@link #drain()} lets exactly one of them read at a time.
 */
final class RequestBody implements BodyPublisher {
  private static final int BUFFER_BYTES = 16 * 1024;

  private final HttpServletRequest request;
  private final long declaredLength;
  private final boolean present;
  private final long limit;
  private final SerialDrain serial = new SerialDrain(this::pump, this::pumpFailed);
  private final AtomicLong demand = new AtomicLong();
  private volatile Flow.Subscriber<? super ByteBuffer> subscriber;
  private volatile boolean read;
  private volatile boolean tooLarge;

  /** The container said the client sent everything; some of it may still be unread. */
  private volatile boolean allRead;

  /**
   * {@code isReady()} said no: the container calls the read listener next, and asking it again
   * before that fails (Grizzly: "Illegal attempt to register a new handler before the existing
   * handler has been notified", seen on HTTP/2 uploads, which then ended as if the client left).
   */
  private volatile boolean awaitingData;

  /** All of the body arrived, shorter than its declared length. */
  private volatile boolean endedShort;

  private volatile boolean done;
  private volatile boolean complete;
  private volatile Throwable clientError;
  private volatile long bytes;
  private volatile long lastReadNanos;
  private volatile long completedNanos;
  private ServletInputStream in;

  RequestBody(HttpServletRequest request, long limit) {
    this.request = request;
    this.declaredLength = request.getContentLengthLong();
    this.present = declaredLength > 0 || RequestFraming.undeclaredLengthBody(request);
    this.limit = limit;
  }

  /** True when the client declared a body longer than the limit: answer 413 before sending. */
  boolean declaredTooLarge() {
    return limit > 0 && declaredLength > limit;
  }

  /** True once a chunked body ran past the limit while streaming. */
  boolean tooLarge() {
    return tooLarge;
  }

  /** True once all of the body arrived short of its declared length (an HTTP/2 stream). */
  boolean endedShort() {
    return endedShort;
  }

  /** A chunked body: if it breaks off, the worker connection it was on must not be reused. */
  boolean chunked() {
    return present && declaredLength < 0;
  }

  boolean present() {
    return present;
  }

  /**
   * True when reading the client's body failed or ended short of its declared length (the client
   * went away): not the worker's fault, and not the size limit either.
   */
  boolean clientFailed() {
    return clientError != null;
  }

  /** True when the client's whole body has been read (or it had none). */
  boolean fullyRead() {
    return !present || complete;
  }

  /**
   * Reads and drops the rest of the client's body, so the next request on its keep-alive connection
   * starts where it should: a worker may answer (Node often does) before it read the whole body,
   * and the container would otherwise parse the leftover bytes as the next request. {@code then}
   * hears true once the body ended, false when it failed or passed {@code limit} more bytes (then
   * the connection must be closed instead).
   */
  void discardRest(long limit, java.util.function.Consumer<Boolean> then) {
    if (done) {
      then.accept(complete);
      return;
    }
    long stopAt = bytes + limit;
    demand.set(Long.MAX_VALUE);
    subscriber =
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {}

          @Override
          public void onNext(ByteBuffer item) {
            if (bytes > stopAt) {
              throw new IllegalStateException("too much body left to discard");
            }
          }

          @Override
          public void onError(Throwable throwable) {
            then.accept(false);
          }

          @Override
          public void onComplete() {
            then.accept(true);
          }
        };
    lastReadNanos = System.nanoTime();
    drain();
  }

  /** True once a worker may have received part of the body. */
  boolean read() {
    return read;
  }

  /** Body bytes read from the client so far. */
  long bytes() {
    return bytes;
  }

  /** True while a worker waits for body bytes the client has not sent yet. */
  boolean waitingForClient() {
    return subscriber != null && !done && demand.get() > 0;
  }

  /** When the last body bytes arrived, or when the worker first asked for them. */
  long lastReadNanos() {
    return lastReadNanos;
  }

  /** When the whole body went to the worker, or 0 while it has not. */
  long completedNanos() {
    return completedNanos;
  }

  /** What the JDK client sends: nothing, or this body with its declared length if any. */
  BodyPublisher publisher() {
    return present ? this : BodyPublishers.noBody();
  }

  @Override
  public long contentLength() {
    return declaredLength > 0 ? declaredLength : -1;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> next) {
    if (read || done) {
      // A retry must never resend a body that is partly gone: the proxy only retries bodies no
      // worker saw, so this is a bug guard, not a path taken.
      next.onSubscribe(new NoDemand());
      next.onError(new IOException("the request body was already sent to a worker"));
      return;
    }
    demand.set(0);
    subscriber = next;
    lastReadNanos = System.nanoTime();
    next.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            if (n <= 0) {
              fail(new IllegalArgumentException("non-positive request " + n));
            } else {
              demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
              drain();
            }
          }

          @Override
          public void cancel() {
            if (subscriber == next) {
              subscriber = null;
            }
          }
        });
  }

  private void fail(Throwable error) {
    clientError = error;
    drain();
  }

  private void drain() {
    serial.run();
  }

  private void pumpFailed(Exception e) {
    if (!tooLarge) {
      clientError = e;
    }
    signalError(e);
  }

  /** Moves what the client sent and the worker asked for; called by one thread at a time. */
  private void pump() throws IOException {
    Flow.Subscriber<? super ByteBuffer> target = subscriber;
    if (done || target == null) {
      return;
    }
    if (clientError != null) {
      signalError(clientError);
      return;
    }
    if (in == null) {
      in = request.getInputStream();
      in.setReadListener(new Arrivals()); // onDataAvailable follows, and drains again
      return;
    }
    boolean ended = false;
    while (!ended && demand.get() > 0 && ready()) {
      byte[] buffer = new byte[BUFFER_BYTES];
      int n = in.read(buffer);
      if (n < 0) {
        if (declaredLength > 0 && bytes < declaredLength) {
          // The client closed before sending all it declared: its fault, not the worker's.
          throw new ClientBodyEnded(
              "the client sent " + bytes + " of " + declaredLength + " body bytes");
        }
        ended = true;
        break;
      }
      if (n == 0) {
        continue;
      }
      read = true;
      bytes += n;
      lastReadNanos = System.nanoTime();
      if (limit > 0 && bytes > limit) {
        tooLarge = true;
        throw new IOException("request body larger than fleetgate.proxy.max-body-size");
      }
      demand.decrementAndGet();
      target.onNext(ByteBuffer.wrap(buffer, 0, n));
      ended = declaredLength > 0 && bytes >= declaredLength;
    }
    // The container may report all data read while some of it still waits in its buffer: the
    // body ends only when a read says so, the declared length is reached, or nothing is left.
    if (ended || (allRead && !ready())) {
      if (!ended && declaredLength > 0 && bytes < declaredLength) {
        // All arrived, short of the declared length: an HTTP/2 stream ended early (an HTTP/1.1
        // client that stops sending never gets here). The client waits for a 400.
        endedShort = true;
        signalError(
            new ClientBodyEnded(
                "the client's stream ended after " + bytes + " of " + declaredLength + " bytes"));
        return;
      }
      done = true;
      complete = true;
      completedNanos = System.nanoTime();
      target.onComplete();
    }
  }

  /**
   * Whether a read now returns data without waiting: {@code in.isReady()}, asked at most once until
   * the container answers by the listener; once all data arrived, whether any is left unread.
   */
  private boolean ready() throws IOException {
    if (allRead) {
      // Everything arrived: what is left is in the container's buffer, and reading it cannot
      // wait. isReady() is not asked again (Grizzly refuses it, within onAllDataRead even), nor
      // isFinished(): Grizzly says true once the last byte arrived, read or not.
      return in.available() > 0;
    }
    if (awaitingData) {
      return false;
    }
    awaitingData = true; // before asking: the listener may be called at once, on another thread
    if (in.isReady()) {
      awaitingData = false; // no listener call is due
      return true;
    }
    return false;
  }

  private void signalError(Throwable error) {
    Flow.Subscriber<? super ByteBuffer> target = subscriber;
    if (!done && target != null) {
      done = true;
      target.onError(error);
    }
  }

  /** The container's word that the client sent more, finished, or failed. */
  private final class Arrivals implements ReadListener {
    @Override
    public void onDataAvailable() {
      awaitingData = false;
      drain();
    }

    @Override
    public void onAllDataRead() {
      awaitingData = false;
      allRead = true;
      drain();
    }

    @Override
    public void onError(Throwable error) {
      fail(error);
    }
  }

  /** The client's body ended before its declared length. */
  static final class ClientBodyEnded extends IOException {
    private static final long serialVersionUID = 1L;

    ClientBodyEnded(String message) {
      super(message);
    }
  }

  private static final class NoDemand implements Flow.Subscription {
    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  }
}

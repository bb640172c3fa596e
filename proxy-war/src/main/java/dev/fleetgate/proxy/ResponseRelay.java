package dev.fleetgate.proxy;

import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams a worker's response body to the client without blocking a thread (R3): the JDK client
 * pushes buffers, the servlet container says when the client can take more. One batch of buffers is
 * requested from the worker at a time, and only once the previous one went out, so memory stays
 * bounded by one batch whatever the body's size. Buffers are flushed as they go, so server-sent
 * events arrive as the worker writes them.
 *
 * <p>Callbacks come from the client's threads (onNext, onComplete) and the container's
 * (onWritePossible); {@link #drain()} lets exactly one of them write at a time.
 */
final class ResponseRelay implements BodySubscriber<Void> {
  private final ServletOutputStream out;
  private final Runnable onDone;
  private final CompletableFuture<Void> body = new CompletableFuture<>();
  private final Queue<ByteBuffer> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger wip = new AtomicInteger();
  private volatile Flow.Subscription subscription;
  private volatile boolean upstreamDone;
  private volatile Throwable failure;
  private volatile boolean clientGone;
  private volatile long lastWorkerNanos = System.nanoTime();
  private volatile long lastClientNanos = System.nanoTime();
  private final AtomicBoolean finished = new AtomicBoolean();
  private byte[] scratch; // only for read-only or direct buffers, made on first use
  private volatile boolean requested;
  private volatile long written;

  ResponseRelay(ServletOutputStream out, Runnable onDone) {
    this.out = out;
    this.onDone = onDone;
  }

  /** The container says the client can take more (the exchange's one write listener). */
  void writePossible() {
    drain();
  }

  @Override
  public CompletionStage<Void> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    drain();
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    lastWorkerNanos = System.nanoTime();
    pending.addAll(buffers);
    drain();
  }

  @Override
  public void onError(Throwable error) {
    failure = error;
    upstreamDone = true;
    drain();
  }

  @Override
  public void onComplete() {
    upstreamDone = true;
    drain();
  }

  /** The client went away or failed: stop reading from the worker. */
  void clientGone(Throwable reason) {
    clientGone = true;
    cancel(reason);
  }

  /** Stops the relay because of the worker (silent too long): the response ends incomplete. */
  void cancel(Throwable reason) {
    if (failure == null) {
      failure = reason;
    }
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    finish(reason);
  }

  /** Why the relay ended early, or null when the whole body went out. */
  Throwable failure() {
    return failure;
  }

  /** True when the relay ended because the client went away. */
  boolean clientWentAway() {
    return clientGone;
  }

  /** True while the relay waits for the worker's next bytes; see {@link #lastWorkerNanos()}. */
  boolean waitingForWorker() {
    return requested && pending.isEmpty() && !upstreamDone && !finished.get();
  }

  long lastWorkerNanos() {
    return lastWorkerNanos;
  }

  /** True while bytes wait for the client to take them; see {@link #lastClientNanos()}. */
  boolean waitingForClient() {
    return !pending.isEmpty() && !finished.get();
  }

  long lastClientNanos() {
    return lastClientNanos;
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      try {
        writeWhatWeCan();
      } catch (IOException e) {
        clientGone(e); // writing to the client failed
      } catch (RuntimeException e) {
        cancel(e);
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void writeWhatWeCan() throws IOException {
    if (finished.get() || subscription == null) {
      return;
    }
    ByteBuffer buffer;
    while ((buffer = pending.peek()) != null) {
      if (!out.isReady()) {
        return; // onWritePossible follows
      }
      write(buffer);
      lastClientNanos = System.nanoTime();
      pending.poll();
      requested = false;
    }
    if (!out.isReady()) {
      return;
    }
    if (upstreamDone) {
      finish(failure);
      return;
    }
    if (written > 0) {
      // Not before the first body byte: until then nothing reached the client, and a worker that
      // fails now leaves the request free to go to another one (R5).
      out.flush();
    }
    if (!requested) {
      requested = true;
      lastWorkerNanos = System.nanoTime();
      subscription.request(1);
    }
  }

  /** Body bytes handed to the client so far. */
  long written() {
    return written;
  }

  /** Servlet 6.0 has no write(ByteBuffer): hand over the backing array, or copy through scratch. */
  private void write(ByteBuffer buffer) throws IOException {
    written += buffer.remaining();
    if (buffer.hasArray() && !buffer.isReadOnly()) {
      out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
      buffer.position(buffer.limit());
      return;
    }
    if (scratch == null) {
      scratch = new byte[16 * 1024];
    }
    while (buffer.hasRemaining()) {
      int n = Math.min(scratch.length, buffer.remaining());
      buffer.get(scratch, 0, n);
      out.write(scratch, 0, n);
    }
  }

  private void finish(Throwable error) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    if (error == null) {
      body.complete(null);
    } else {
      body.completeExceptionally(error);
    }
    if (error == null || clientGone || written > 0) {
      onDone.run();
    }
    // else: the worker failed before a byte reached the client; the failed send is handled as a
    // failed attempt (retry or 502/504), not as the end of the exchange.
  }

  /** True once body bytes went to the client: from then on the answer cannot change. */
  boolean sentAnything() {
    return written > 0;
  }
}

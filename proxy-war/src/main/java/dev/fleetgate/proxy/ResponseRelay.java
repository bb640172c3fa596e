package dev.fleetgate.proxy;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
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
  private final AtomicBoolean finished = new AtomicBoolean();
  private final byte[] scratch = new byte[16 * 1024];
  private boolean requested;
  private volatile long written;

  ResponseRelay(ServletOutputStream out, Runnable onDone) {
    this.out = out;
    this.onDone = onDone;
  }

  void start() {
    out.setWriteListener(
        new WriteListener() {
          @Override
          public void onWritePossible() {
            drain();
          }

          @Override
          public void onError(Throwable clientError) {
            // The client went away: stop reading from the worker.
            cancel(clientError);
          }
        });
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

  void cancel(Throwable reason) {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    finish(reason);
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      try {
        writeWhatWeCan();
      } catch (IOException | RuntimeException e) {
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
    out.flush();
    if (!requested) {
      requested = true;
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
    onDone.run();
  }
}

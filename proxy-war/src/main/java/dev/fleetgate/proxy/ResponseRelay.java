package dev.fleetgate.proxy;

import dev.fleetgate.proxy.compression.GzipEncoder;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams a worker's response body to the client without blocking a thread (R3): the JDK client
 * pushes buffers, the servlet container says when the client can take more. At most {@link #AHEAD}
 * batches are asked of the worker beyond what went out, and none while {@link #HIGH_WATER} bytes
 * wait for the client, so memory stays bounded whatever the body's size. What is written is flushed
 * as soon as nothing more is waiting, so server-sent events arrive as the worker writes them.
 *
 * <p>Small buffers are written in one piece of up to {@link #COALESCE} bytes: the container copies
 * every write smaller than its response buffer into a newly allocated one when called off its own
 * threads (Grizzly's {@code OutputBuffer}), and the JDK hands chunked bodies over as read-only
 * slices that must be copied anyway (async-profiler, 1 GiB download: 2.1 GiB allocated before, half
 * of it the container's copies).
 *
 * <p>A compressed answer (R19) goes through a {@link GzipEncoder} on its way out: the worker's
 * buffers wait as they came and are compressed only as the client takes them, into pieces of up to
 * {@link #COALESCE} bytes; once the relay has caught up with the worker the encoder is flushed with
 * the rest, so the client can decode all it got, and only a whole body gets the gzip trailer.
 *
 * <p>Callbacks come from the client's threads (onNext, onComplete) and the container's
 * (onWritePossible); {@link #drain()} lets exactly one of them write at a time.
 */
final class ResponseRelay implements BodySubscriber<Void> {
  /** Batches asked of the worker ahead of the client, so reading and writing overlap. */
  static final int AHEAD = 4;

  /** No more batches are asked for while this many bytes wait for the client. */
  static final long HIGH_WATER = 64 * 1024;

  /** The largest piece small buffers are gathered into before one write. */
  static final int COALESCE = 32 * 1024;

  private final ServletOutputStream out;
  private final Runnable onDone;
  private final CompletableFuture<Void> body = new CompletableFuture<>();
  private final Queue<ByteBuffer> pending = new ConcurrentLinkedQueue<>();
  private final SerialDrain serial = new SerialDrain(this::writeWhatWeCan, this::writeFailed);
  private volatile Flow.Subscription subscription;
  private volatile boolean upstreamDone;
  private volatile Throwable failure;
  private volatile boolean clientGone;
  private volatile long lastWorkerNanos = System.nanoTime();
  private volatile long lastClientNanos = System.nanoTime();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final AtomicInteger outstanding = new AtomicInteger(); // batches asked, not yet here
  private final AtomicLong waiting = new AtomicLong(); // bytes here, not yet written
  private final int directWrite; // a writable buffer this large goes to the container as it is
  private byte[] scratch; // made on first use, for the pieces that must be gathered or copied
  private volatile long written;
  private final GzipEncoder
      gzip; // null: the body goes as the worker sent it; used in the step only

  /**
   * @param bufferSize the response's buffer size: writes at least this large are not copied again
   *     by the container
   */
  ResponseRelay(ServletOutputStream out, int bufferSize, Runnable onDone) {
    this(out, bufferSize, onDone, null);
  }

  /**
   * @param gzip the encoder of a compressed answer, or null; the relay closes it
   */
  ResponseRelay(ServletOutputStream out, int bufferSize, Runnable onDone, GzipEncoder gzip) {
    this.out = out;
    this.directWrite = Math.max(1, Math.min(bufferSize, COALESCE));
    this.onDone = onDone;
    this.gzip = gzip;
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
    outstanding.decrementAndGet();
    long bytes = 0;
    for (ByteBuffer buffer : buffers) {
      if (buffer.hasRemaining()) {
        bytes += buffer.remaining();
        pending.add(buffer);
      }
    }
    waiting.addAndGet(bytes);
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
    drain(); // the step, alone in touching the encoder, frees it
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
    return outstanding.get() > 0 && pending.isEmpty() && !upstreamDone && !finished.get();
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
    serial.run();
  }

  private void writeFailed(Exception e) {
    if (e instanceof IOException) {
      clientGone(e); // writing to the client failed
    } else {
      cancel(e);
    }
  }

  private void writeWhatWeCan() throws IOException {
    if (finished.get()) {
      closeEncoder();
      return;
    }
    if (subscription == null) {
      return;
    }
    // The worker's end is read before the queue: every buffer that came before it is in the queue.
    boolean done = upstreamDone;
    while (!pending.isEmpty() || owed(done)) {
      if (!out.isReady()) {
        return; // onWritePossible follows
      }
      if (gzip == null) {
        writeNext();
      } else {
        writeCompressed(done && failure == null);
      }
      lastClientNanos = System.nanoTime();
      done = upstreamDone;
    }
    if (!out.isReady()) {
      return;
    }
    if (done) {
      finish(failure);
      closeEncoder();
      return;
    }
    if (written > 0) {
      // Not before the first body byte: until then nothing reached the client, and a worker that
      // fails now leaves the request free to go to another one (R5).
      out.flush();
    }
    askForMore();
  }

  /** Keeps up to {@link #AHEAD} batches coming while little waits for the client. */
  private void askForMore() {
    int asked = outstanding.get();
    if (asked < AHEAD && waiting.get() < HIGH_WATER) {
      outstanding.addAndGet(AHEAD - asked);
      lastWorkerNanos = System.nanoTime();
      subscription.request(AHEAD - asked);
    }
  }

  /**
   * One write to the container: a writable buffer as it is when it is large or all there is, else
   * as many buffers as fit gathered into {@link #scratch}.
   */
  private void writeNext() throws IOException {
    ByteBuffer first = pending.peek();
    int size = first.remaining();
    if (first.hasArray() && !first.isReadOnly() && (size >= directWrite || size == waiting.get())) {
      out.write(first.array(), first.arrayOffset() + first.position(), size);
      first.position(first.limit());
      pending.poll();
      wrote(size);
      return;
    }
    byte[] piece = scratchFor(waiting.get());
    int filled = 0;
    ByteBuffer buffer;
    while (filled < piece.length && (buffer = pending.peek()) != null) {
      int n = Math.min(piece.length - filled, buffer.remaining());
      buffer.get(piece, filled, n);
      filled += n;
      if (!buffer.hasRemaining()) {
        pending.poll();
      }
    }
    out.write(piece, 0, filled);
    wrote(filled);
  }

  /**
   * True while the encoder holds output for the client: a flush, or the end when {@code ending}.
   */
  private boolean owed(boolean ending) {
    return gzip != null && gzip.owes(ending && failure == null);
  }

  /** One write of compressed bytes, from the worker's buffers waiting as they came. */
  private void writeCompressed(boolean ending) throws IOException {
    long taken = gzip.bytesIn();
    int filled = gzip.fill(pending, scratchFor(waiting.get()), ending);
    waiting.addAndGet(taken - gzip.bytesIn());
    if (filled > 0) {
      out.write(scratch, 0, filled);
      written += filled;
    }
  }

  private void closeEncoder() {
    if (gzip != null) {
      gzip.close();
    }
  }

  /** A small response never gets a {@link #COALESCE}-sized array; a larger one grows to it once. */
  private byte[] scratchFor(long bytesWaiting) {
    if (scratch == null) {
      scratch = new byte[(int) Math.min(COALESCE, Math.max(1024, bytesWaiting))];
    } else if (scratch.length < COALESCE && bytesWaiting > scratch.length) {
      scratch = new byte[COALESCE];
    }
    return scratch;
  }

  private void wrote(int bytes) {
    written += bytes;
    waiting.addAndGet(-bytes);
  }

  /** Body bytes handed to the client so far: compressed ones when compressed. */
  long written() {
    return written;
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

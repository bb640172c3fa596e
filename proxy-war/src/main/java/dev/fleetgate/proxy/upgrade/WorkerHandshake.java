package dev.fleetgate.proxy.upgrade;

import dev.fleetgate.proxy.upstream.MalformedResponse;
import dev.fleetgate.proxy.upstream.ResponseParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first half of a tunnel (R1) without a thread waiting on the worker (R4): a connection of its
 * own (the JDK HTTP client cannot forward an upgrade), the request head written, and the worker's
 * answer read by the strict parser ({@link ResponseParser#forUpgrade}), each step a completion
 * callback with its own deadline: {@code connect-timeout} to connect, {@code response-timeout} for
 * the answer's head, {@code read-timeout} between the bytes of a declined upgrade's body.
 */
final class WorkerHandshake {
  private static final int MAX_HEAD = 64 * 1024;
  private static final int READ_BUFFER = 16 * 1024;

  /** Where the answer goes: its parts as they are parsed, then how it ended. */
  interface Listener extends ResponseParser.Sink {
    /**
     * The answer is over.
     *
     * @param failure null when it was read whole
     * @param channel the worker's connection, open after a 101 (else closed)
     * @param rest after a 101, what the worker sent behind its head
     */
    void ended(Throwable failure, AsynchronousSocketChannel channel, ByteBuffer rest);
  }

  private final AsynchronousSocketChannel channel;
  private final byte[] head;
  private final Duration connectTimeout;
  private final Duration responseTimeout;
  private final Duration readTimeout;
  private final Listener listener;
  private final ResponseParser parser = ResponseParser.forUpgrade(MAX_HEAD);
  private final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
  private volatile boolean connectTimedOut;

  private WorkerHandshake(
      AsynchronousSocketChannel channel,
      byte[] head,
      Duration connectTimeout,
      Duration responseTimeout,
      Duration readTimeout,
      Listener listener) {
    this.channel = channel;
    this.head = head;
    this.connectTimeout = connectTimeout;
    this.responseTimeout = responseTimeout;
    this.readTimeout = readTimeout;
    this.listener = listener;
  }

  /**
   * Starts the handshake and returns at once; the listener hears the rest on the channel group's
   * threads.
   *
   * @param head the request head to send, ending with an empty line
   * @param timer closes a connection attempt that outlives {@code connectTimeout} (the channel's
   *     connect has no deadline of its own)
   */
  static void start(
      InetSocketAddress worker,
      byte[] head,
      Duration connectTimeout,
      Duration responseTimeout,
      Duration readTimeout,
      ScheduledExecutorService timer,
      Listener listener) {
    AsynchronousSocketChannel channel;
    try {
      channel = AsynchronousSocketChannel.open();
    } catch (IOException e) {
      listener.ended(e, null, null);
      return;
    }
    new WorkerHandshake(channel, head, connectTimeout, responseTimeout, readTimeout, listener)
        .connect(worker, timer);
  }

  private void connect(InetSocketAddress worker, ScheduledExecutorService timer) {
    ScheduledFuture<?> deadline =
        timer.schedule(
            () -> {
              connectTimedOut = true;
              closeChannel();
            },
            connectTimeout.toMillis(),
            TimeUnit.MILLISECONDS);
    channel.connect(
        worker,
        null,
        new CompletionHandler<Void, Void>() {
          @Override
          public void completed(Void result, Void ignored) {
            deadline.cancel(false);
            if (connectTimedOut) {
              end(new HttpConnectTimeoutException("connect timed out"));
            } else {
              write(ByteBuffer.wrap(head));
            }
          }

          @Override
          public void failed(Throwable error, Void ignored) {
            deadline.cancel(false);
            end(
                connectTimedOut
                    ? new HttpConnectTimeoutException(
                        "no connection to the worker within " + connectTimeout.toMillis() + " ms")
                    : error);
          }
        });
  }

  private void write(ByteBuffer out) {
    channel.write(
        out,
        responseTimeout.toMillis(),
        TimeUnit.MILLISECONDS,
        null,
        new CompletionHandler<Integer, Void>() {
          @Override
          public void completed(Integer n, Void ignored) {
            if (out.hasRemaining()) {
              write(out);
            } else {
              read();
            }
          }

          @Override
          public void failed(Throwable error, Void ignored) {
            end(timedOut(error));
          }
        });
  }

  private void read() {
    in.clear();
    channel.read(
        in,
        (parser.headRead() ? readTimeout : responseTimeout).toMillis(),
        TimeUnit.MILLISECONDS,
        null,
        new CompletionHandler<Integer, Void>() {
          @Override
          public void completed(Integer n, Void ignored) {
            try {
              if (n < 0) {
                parser.closed(listener);
                end(null);
                return;
              }
              in.flip();
              if (parser.feed(in, listener)) {
                end(null);
              } else {
                read();
              }
            } catch (MalformedResponse e) {
              end(e);
            }
          }

          @Override
          public void failed(Throwable error, Void ignored) {
            end(timedOut(error));
          }
        });
  }

  private Throwable timedOut(Throwable error) {
    if (!(error instanceof InterruptedByTimeoutException)) {
      return error;
    }
    return parser.headRead()
        ? new HttpTimeoutException("worker sent nothing for " + readTimeout.toMillis() + " ms")
        : new HttpTimeoutException(
            "the worker did not answer the upgrade within " + responseTimeout.toMillis() + " ms");
  }

  private void end(Throwable failure) {
    boolean switched = failure == null && parser.status() == 101;
    if (!switched) {
      closeChannel();
    }
    listener.ended(failure, switched ? channel : null, switched ? in : null);
  }

  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing only
    }
  }
}

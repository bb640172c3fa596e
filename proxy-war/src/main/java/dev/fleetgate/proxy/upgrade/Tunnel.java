package dev.fleetgate.proxy.upgrade;

import dev.fleetgate.proxy.Attempt;
import dev.fleetgate.supervisor.routing.Upstream;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One upgraded connection, from the handshake to the close. The container upgrades the client's
 * connection before the worker answered, so no thread waits for that answer (R4): {@link #init}
 * starts the {@link WorkerHandshake}, and the worker's answer, whenever it comes, decides what the
 * client gets ({@link HandshakeAnswer}). After a 101, bytes flow both ways until either side closes
 * (R2), without a thread held per tunnel — servlet non-blocking I/O on the client's side, an
 * asynchronous socket channel on the worker's. Each direction moves one buffer at a time and reads
 * again only once it was written, so a slow side slows the other instead of filling memory. Like
 * nginx, the tunnel closes after {@code fleetgate.proxy.read-timeout} without a byte from the
 * worker. Any other answer goes back as it is (R3), and a worker that fails or stays silent gets
 * the client 502 or 504 (R4); the connection closes after it. From the handshake to the close, the
 * tunnel counts as a request in flight on its worker. Its buffers start small and grow for bulk
 * transfers ({@link TunnelBuffers}).
 */
public class Tunnel implements HttpUpgradeHandler {
  private static final Logger LOG = Logger.getLogger(Tunnel.class.getName());

  private UpgradeForwarder.Handshake plan;
  private HandshakeAnswer answer;
  private Attempt attempt;
  private AsynchronousSocketChannel worker;
  private ByteBuffer fromWorker;
  private int lastWorkerRead;
  private Upstream upstream;
  private Duration readTimeout;
  private WebConnection connection;
  private ServletInputStream clientIn;
  private ServletOutputStream clientOut;
  private ByteBuffer toWorker = TunnelBuffers.first(0);
  private int lastClientRead;
  private final AtomicBoolean awaitingClientWritable = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();

  /** {@link #HANDSHAKE}, then {@link #OPEN} after a 101, {@link #CLOSED} once counted. */
  private final AtomicInteger state = new AtomicInteger();

  private static final int HANDSHAKE = 0;
  private static final int OPEN = 1;
  private static final int CLOSED = 2;
  private volatile boolean clientDone;
  private volatile boolean workerDone;

  /** What the handshake needs; given by {@link UpgradeForwarder} before the container's init. */
  void prepare(UpgradeForwarder.Handshake handshake) {
    this.plan = handshake;
    this.upstream = handshake.peer().upstream();
    this.readTimeout = handshake.readTimeout();
    this.attempt = new Attempt(handshake.peer());
    this.answer = new HandshakeAnswer(handshake, attempt, this);
  }

  @Override
  public void init(WebConnection webConnection) {
    connection = webConnection;
    UpgradeForwarder.Handshake h = plan;
    WorkerHandshake.start(
        upstream.address(),
        h.head(),
        h.connectTimeout(),
        h.responseTimeout(),
        h.readTimeout(),
        h.timer(),
        answer);
  }

  @Override
  public void destroy() {
    close(null);
  }

  /**
   * Claims the end of the handshake for the worker's answer: true unless the client's side closed
   * first (and was counted then). After a 101 the tunnel is open; after any other answer it is
   * closed, its attempt counted by the answer.
   */
  boolean claim(boolean switched) {
    return state.compareAndSet(HANDSHAKE, switched ? OPEN : CLOSED);
  }

  /** The worker switched protocols: the tunnel opens on its connection and what it sent. */
  void open(AsynchronousSocketChannel channel, ByteBuffer rest) throws IOException {
    worker = channel;
    fromWorker = TunnelBuffers.first(rest.remaining());
    fromWorker.put(rest).flip();
    clientIn = connection.getInputStream();
    clientOut = connection.getOutputStream();
    clientOut.setWriteListener(new ToClient());
    clientIn.setReadListener(new ToWorker());
  }

  // ---- worker → client -----------------------------------------------------------------------

  private final class ToClient implements WriteListener {
    @Override
    public void onWritePossible() {
      if (started.compareAndSet(false, true)) {
        if (fromWorker.hasRemaining()) {
          writeToClient(); // what the worker sent right after its 101
        } else {
          readWorker();
        }
      } else if (awaitingClientWritable.compareAndSet(true, false)) {
        readWorker();
      }
    }

    @Override
    public void onError(Throwable error) {
      close(error);
    }
  }

  private void readWorker() {
    fromWorker = TunnelBuffers.next(fromWorker, lastWorkerRead);
    worker.read(
        fromWorker,
        readTimeout.toMillis(),
        TimeUnit.MILLISECONDS,
        null,
        new CompletionHandler<Integer, Void>() {
          @Override
          public void completed(Integer n, Void ignored) {
            if (n < 0) {
              workerDone = true;
              close(null); // the worker closed: so does the client's side
              return;
            }
            lastWorkerRead = n;
            fromWorker.flip();
            writeToClient();
          }

          @Override
          public void failed(Throwable error, Void ignored) {
            close(error instanceof InterruptedByTimeoutException ? null : error);
          }
        });
  }

  private void writeToClient() {
    try {
      clientOut.write(fromWorker.array(), fromWorker.position(), fromWorker.remaining());
      fromWorker.position(fromWorker.limit());
      awaitingClientWritable.set(true);
      if (clientOut.isReady()) {
        clientOut.flush();
        if (clientOut.isReady() && awaitingClientWritable.compareAndSet(true, false)) {
          readWorker();
        }
      }
      // else: onWritePossible continues once the client took the bytes
    } catch (IOException | RuntimeException e) {
      close(e);
    }
  }

  // ---- client → worker -----------------------------------------------------------------------

  private final class ToWorker implements ReadListener {
    @Override
    public void onDataAvailable() {
      readClient();
    }

    @Override
    public void onAllDataRead() {
      clientDone = true;
      try {
        worker.shutdownOutput();
      } catch (IOException e) {
        close(e);
      }
      if (workerDone) {
        close(null);
      }
    }

    @Override
    public void onError(Throwable error) {
      close(error);
    }
  }

  /** Reads what the client sent while it can; stops while a write to the worker is under way. */
  private void readClient() {
    try {
      while (state.get() != CLOSED && clientIn.isReady()) {
        toWorker = TunnelBuffers.next(toWorker, lastClientRead);
        int n = clientIn.read(toWorker.array(), 0, toWorker.capacity());
        lastClientRead = n;
        if (n < 0) {
          return; // onAllDataRead follows
        }
        if (n > 0) {
          toWorker.limit(n);
          writeToWorker();
          return; // the write's completion reads on
        }
      }
    } catch (IOException | RuntimeException e) {
      close(e);
    }
  }

  private void writeToWorker() {
    worker.write(
        toWorker,
        null,
        new CompletionHandler<Integer, Void>() {
          @Override
          public void completed(Integer n, Void ignored) {
            if (toWorker.hasRemaining()) {
              writeToWorker();
            } else {
              readClient();
            }
          }

          @Override
          public void failed(Throwable error, Void ignored) {
            close(error);
          }
        });
  }

  void close(Throwable error) {
    int was = state.getAndSet(CLOSED);
    if (was == CLOSED) {
      return;
    }
    if (error != null) {
      LOG.log(Level.FINE, "Tunnel to {0} closed: {1}", new Object[] {upstream, error.toString()});
    }
    if (was == OPEN) {
      attempt.tunnelClosed();
    } else if (attempt != null) {
      attempt.cancelled(0, 0); // closed by the container before the worker answered
    }
    try {
      if (worker != null) {
        worker.close();
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "Closing the worker side", e);
    }
    closeClient();
  }

  static void closeQuietly(AsynchronousSocketChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // closing only
    }
  }

  void closeClient() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (Exception e) {
      LOG.log(Level.FINE, "Closing the client side", e);
    }
  }
}

package dev.fleetgate.proxy.upgrade;

import dev.fleetgate.proxy.Attempt;
import dev.fleetgate.proxy.FailureVerdict;
import dev.fleetgate.proxy.ProxyServlet;
import dev.fleetgate.proxy.ResponseHeaders;
import dev.fleetgate.supervisor.routing.Upstream;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One upgraded connection, from the handshake to the close. The container upgrades the client's
 * connection before the worker answered, so no thread waits for that answer (R4): {@link #init}
 * starts the {@link WorkerHandshake}, and the worker's answer, whenever it comes, decides what the
 * client gets. After a 101, bytes flow both ways until either side closes (R2), without a thread
 * held per tunnel — servlet non-blocking I/O on the client's side, an asynchronous socket channel
 * on the worker's. Each direction moves one buffer at a time and reads again only once it was
 * written, so a slow side slows the other instead of filling memory. Like nginx, the tunnel closes
 * after {@code fleetgate.proxy.read-timeout} without a byte from the worker. Any other answer goes
 * back as it is (R3), and a worker that fails or stays silent gets the client 502 or 504 (R4); the
 * connection closes after it. From the handshake to the close, the tunnel counts as a request in
 * flight on its worker. Its buffers start small and grow for bulk transfers ({@link
 * TunnelBuffers}).
 */
public class Tunnel implements HttpUpgradeHandler, WorkerHandshake.Listener {
  private static final Logger LOG = Logger.getLogger(Tunnel.class.getName());

  private UpgradeForwarder.Handshake plan;
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
  private int answerStatus;
  private long refusalBytes;

  /** What the handshake needs; given by {@link UpgradeForwarder} before the container's init. */
  void prepare(UpgradeForwarder.Handshake handshake) {
    this.plan = handshake;
    this.upstream = handshake.peer().upstream();
    this.readTimeout = handshake.readTimeout();
    this.attempt = new Attempt(handshake.peer());
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
        this);
  }

  @Override
  public void destroy() {
    close(null);
  }

  // ---- the worker's answer -------------------------------------------------------------------

  @Override
  public void head(int status, List<String[]> headers) {
    answerStatus = status;
    attempt.headArrived();
    HttpServletResponse response = plan.response();
    response.setStatus(status);
    ResponseHeaders.copy(headers, response);
    if (status == HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
      // Hop-by-hop, so left out above; for a switch they are the answer itself.
      for (String[] header : headers) {
        if (header[0].equals("upgrade")) {
          response.setHeader("Upgrade", header[1]);
        }
      }
      response.setHeader("Connection", "Upgrade");
    } else {
      response.setHeader("Connection", "close"); // the client's connection is upgraded: no reuse
    }
  }

  @Override
  public void body(ByteBuffer piece) {
    try {
      // A declined upgrade's body, written as it comes (the stream is still in blocking mode).
      plan.response()
          .getOutputStream()
          .write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
      refusalBytes += piece.remaining();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void end() {
    // the declined upgrade's answer is whole: ended() closes the connection
  }

  @Override
  public void ended(Throwable failure, AsynchronousSocketChannel channel, ByteBuffer rest) {
    boolean switched =
        failure == null && answerStatus == HttpServletResponse.SC_SWITCHING_PROTOCOLS;
    if (!state.compareAndSet(HANDSHAKE, switched ? OPEN : CLOSED)) {
      closeQuietly(channel); // the client's side closed first and was counted then
      return;
    }
    try {
      if (switched) {
        plan.response().flushBuffer(); // the 101 goes out now; the tunnel follows
        plan.log()
            .ended(
                plan.request(),
                answerStatus,
                0,
                upstream.workerId(),
                attempt.millisToHead(),
                totalMillis());
        open(channel, rest);
        return;
      }
      if (failure == null) {
        attempt.answered(answerStatus, System.nanoTime() - attempt.startNanos(), 0, refusalBytes);
      } else {
        failed(failure);
      }
      plan.log()
          .ended(
              plan.request(),
              plan.response().getStatus(),
              refusalBytes,
              upstream.workerId(),
              attempt.millisToHead(),
              totalMillis());
      plan.response().flushBuffer();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Answering the upgrade request", e);
      if (switched) {
        close(e);
        return;
      }
    }
    if (!switched) {
      closeClient();
    }
  }

  /**
   * The worker failed: 502 or 504 when nothing of its answer went out (the rules of the other
   * requests, {@link FailureVerdict}; a handshake is tried once), else its answer ends there.
   */
  private void failed(Throwable failure) throws IOException {
    FailureVerdict verdict =
        FailureVerdict.of(
            failure,
            plan.request().getMethod(),
            FailureVerdict.Body.UNREAD,
            refusalBytes > 0 ? FailureVerdict.Client.ANSWER_STARTED : FailureVerdict.Client.WAITING,
            1,
            1);
    attempt.failed(verdict, 0, refusalBytes);
    LOG.log(
        Level.WARNING,
        "Upgrade to worker {0} failed: {1}",
        new Object[] {Integer.toString(upstream.workerId()), verdict.cause().toString()});
    HttpServletResponse response = plan.response();
    if (verdict.answers() && !response.isCommitted()) {
      response.reset();
      response.setHeader("Connection", "close");
      ProxyServlet.reply(response, verdict.status(), verdict.text(upstream.workerId()));
    }
  }

  private long totalMillis() {
    return (System.nanoTime() - attempt.startNanos()) / 1_000_000;
  }

  /** The worker switched protocols: the tunnel opens on its connection and what it sent. */
  private void open(AsynchronousSocketChannel channel, ByteBuffer rest) throws IOException {
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

  private void close(Throwable error) {
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

  private static void closeQuietly(AsynchronousSocketChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // closing only
    }
  }

  private void closeClient() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (Exception e) {
      LOG.log(Level.FINE, "Closing the client side", e);
    }
  }
}

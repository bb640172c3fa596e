package dev.fleetgate.proxy.upgrade;

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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The second half of a tunnel (R2): after the worker's 101, bytes flow both ways until either side
 * closes, without a thread held per tunnel — servlet non-blocking I/O on the client's side, an
 * asynchronous socket channel on the worker's. Each direction moves one buffer at a time and reads
 * again only once it was written, so a slow side slows the other instead of filling memory. Like
 * nginx, the tunnel closes after {@code fleetgate.proxy.read-timeout} without a byte from the
 * worker. While open, the tunnel counts as a request in flight on its worker. Its buffers start
 * small and grow for bulk transfers ({@link TunnelBuffers}).
 */
public class Tunnel implements HttpUpgradeHandler {
  private static final Logger LOG = Logger.getLogger(Tunnel.class.getName());

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
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean clientDone;
  private volatile boolean workerDone;

  /** Hands over the worker's connection and what it sent after its 101; before {@link #init}. */
  public void attach(
      AsynchronousSocketChannel worker, ByteBuffer rest, Upstream upstream, Duration readTimeout) {
    this.worker = worker;
    this.upstream = upstream;
    this.readTimeout = readTimeout;
    this.fromWorker = TunnelBuffers.first(rest.remaining());
    this.fromWorker.put(rest).flip();
    upstream.requestStarted();
  }

  @Override
  public void init(WebConnection webConnection) {
    connection = webConnection;
    try {
      clientIn = webConnection.getInputStream();
      clientOut = webConnection.getOutputStream();
      clientOut.setWriteListener(new ToClient());
      clientIn.setReadListener(new ToWorker());
    } catch (IOException | RuntimeException e) {
      close(e);
    }
  }

  @Override
  public void destroy() {
    close(null);
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
      while (!closed.get() && clientIn.isReady()) {
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
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (error != null) {
      LOG.log(Level.FINE, "Tunnel to {0} closed: {1}", new Object[] {upstream, error.toString()});
    }
    if (upstream != null) {
      upstream.requestFinished();
      upstream.traffic().tunnelClosed();
    }
    try {
      if (worker != null) {
        worker.close();
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "Closing the worker side", e);
    }
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (Exception e) {
      LOG.log(Level.FINE, "Closing the client side", e);
    }
  }
}

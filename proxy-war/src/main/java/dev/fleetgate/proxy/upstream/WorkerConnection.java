package dev.fleetgate.proxy.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;

/** One kept-alive HTTP/1.1 connection to a worker, used by one request at a time (U2). */
public final class WorkerConnection implements AutoCloseable {
  final InetSocketAddress worker;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final boolean reused;
  long idleSince;

  private WorkerConnection(
      InetSocketAddress worker, Socket socket, InputStream in, OutputStream out, boolean reused) {
    this.worker = worker;
    this.socket = socket;
    this.in = in;
    this.out = out;
    this.reused = reused;
  }

  /**
   * @throws HttpConnectTimeoutException when not connected in time, as the JDK client says it, so
   *     both paths read a connect timeout alike (504, and retried even for a POST)
   */
  static WorkerConnection open(InetSocketAddress worker, int connectTimeoutMillis)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(worker, connectTimeoutMillis);
      return new WorkerConnection(
          worker, socket, socket.getInputStream(), socket.getOutputStream(), false);
    } catch (SocketTimeoutException e) {
      socket.close();
      throw new HttpConnectTimeoutException("connect timed out");
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** The same socket, marked as taken from the pool: it may have been closed by the worker. */
  WorkerConnection reusedOnce() {
    return new WorkerConnection(worker, socket, in, out, true);
  }

  /** True when the connection carried an earlier request: a failure before any answer is stale. */
  public boolean reused() {
    return reused;
  }

  /** Sends bytes to the worker. */
  public void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
  }

  /**
   * Reads what the worker sent, waiting at most {@code timeoutMillis}.
   *
   * @return bytes read, or -1 when the worker closed the connection
   * @throws java.net.SocketTimeoutException when nothing came in time
   */
  public int read(byte[] into, int offset, int length, int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    return in.read(into, offset, length);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing: nothing to do
    }
  }
}

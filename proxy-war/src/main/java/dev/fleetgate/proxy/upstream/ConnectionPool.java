package dev.fleetgate.proxy.upstream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Idle kept-alive connections to each worker (U2), as nginx's {@code keepalive 32}: a request takes
 * the most recently used one, or opens a new one; an answer that leaves the connection reusable
 * gives it back. A connection idle longer than the idle limit is closed when found, before a Node
 * worker's 5 s {@code keepAliveTimeout} could close it under a request. Lock-free: one deque and
 * one counter per worker.
 */
public final class ConnectionPool {
  private final Map<InetSocketAddress, Idle> idle = new ConcurrentHashMap<>();
  private final int maxIdlePerWorker;
  private final long idleLimitNanos;
  private volatile int connectTimeoutMillis;
  private final LongSupplier nanoClock;

  private static final class Idle {
    final ConcurrentLinkedDeque<WorkerConnection> connections = new ConcurrentLinkedDeque<>();
    final AtomicInteger count = new AtomicInteger();
  }

  public ConnectionPool(
      int maxIdlePerWorker, long idleLimitNanos, int connectTimeoutMillis, LongSupplier nanoClock) {
    this.maxIdlePerWorker = maxIdlePerWorker;
    this.idleLimitNanos = idleLimitNanos;
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.nanoClock = nanoClock;
  }

  /**
   * A connection to {@code worker}: an idle one still young enough, else a new one.
   *
   * @throws java.net.http.HttpConnectTimeoutException when a new one is not connected in time
   */
  public WorkerConnection take(InetSocketAddress worker) throws IOException {
    return take(worker, idleLimitNanos);
  }

  /**
   * As {@link #take(InetSocketAddress)}, but only an idle connection younger than {@code
   * maxIdleNanos} is reused: for a request that must not be sent twice, the worker should have had
   * no reason to close the connection under it.
   */
  public WorkerConnection take(InetSocketAddress worker, long maxIdleNanos) throws IOException {
    return take(worker, maxIdleNanos, connectTimeoutMillis);
  }

  /**
   * As {@link #take(InetSocketAddress, long)}, a new connection given {@code connectTimeoutMillis}
   * (an app's own, when apps set theirs).
   */
  public WorkerConnection take(
      InetSocketAddress worker, long maxIdleNanos, int connectTimeoutMillis) throws IOException {
    long limit = Math.min(maxIdleNanos, idleLimitNanos);
    Idle pool = idle.get(worker);
    if (pool != null) {
      long now = nanoClock.getAsLong();
      WorkerConnection connection;
      while ((connection = pool.connections.pollFirst()) != null) {
        pool.count.decrementAndGet();
        if (now - connection.idleSince < limit) {
          return connection.reusedOnce();
        }
        connection.close();
      }
    }
    return fresh(worker, connectTimeoutMillis);
  }

  /** The connect timeout of new connections from now on (a reloaded configuration). */
  public void connectTimeoutMillis(int millis) {
    this.connectTimeoutMillis = millis;
  }

  /** A new connection, never a pooled one (after a pooled one turned out stale). */
  public WorkerConnection fresh(InetSocketAddress worker) throws IOException {
    return fresh(worker, connectTimeoutMillis);
  }

  /** A new connection, connected within {@code connectTimeoutMillis}. */
  public WorkerConnection fresh(InetSocketAddress worker, int connectTimeoutMillis)
      throws IOException {
    return WorkerConnection.open(worker, connectTimeoutMillis);
  }

  /** Gives back a connection whose last answer left it reusable; closes it if the pool is full. */
  public void giveBack(WorkerConnection connection) {
    Idle pool = idle.computeIfAbsent(connection.worker, w -> new Idle());
    if (pool.count.incrementAndGet() > maxIdlePerWorker) {
      pool.count.decrementAndGet();
      connection.close();
      return;
    }
    connection.idleSince = nanoClock.getAsLong();
    pool.connections.offerFirst(connection);
  }

  /** How many idle connections wait for {@code worker}. */
  public int idleCount(InetSocketAddress worker) {
    Idle pool = idle.get(worker);
    return pool == null ? 0 : pool.count.get();
  }

  /** Closes every idle connection (at the proxy's end). */
  public void close() {
    idle.values()
        .forEach(
            pool -> {
              WorkerConnection connection;
              while ((connection = pool.connections.pollFirst()) != null) {
                connection.close();
              }
            });
  }
}

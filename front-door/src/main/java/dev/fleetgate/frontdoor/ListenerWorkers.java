package dev.fleetgate.frontdoor;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The listener's own worker threads, for HTTP/2 streams: Payara sets a listener's pool after it
 * builds the chain, so the HTTP/2 filter gets this stand-in, which the first accepted connection
 * points at its transport's pool. Streams of one connection then run as HTTP/1.1 requests do.
 */
final class ListenerWorkers extends AbstractExecutorService {
  private volatile ExecutorService workers;

  void use(ExecutorService transportWorkers) {
    workers = transportWorkers;
  }

  @Override
  public void execute(Runnable task) {
    ExecutorService pool = workers;
    if (pool == null) {
      throw new IllegalStateException("no connection accepted yet");
    }
    pool.execute(task);
  }

  // The pool is the transport's, shut down with it: these leave it alone.
  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    ExecutorService pool = workers;
    return pool != null && pool.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    ExecutorService pool = workers;
    return pool != null && pool.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }
}

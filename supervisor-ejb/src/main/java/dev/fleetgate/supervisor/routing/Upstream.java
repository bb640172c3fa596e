package dev.fleetgate.supervisor.routing;

import dev.fleetgate.supervisor.traffic.WorkerTraffic;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One running worker process as the proxy sees it: where to send requests and the live counters the
 * proxy updates without locks. A new instance exists for each process the supervisor starts, so the
 * in-flight count of a draining process is never mixed with its replacement's.
 */
public final class Upstream {
  private final int workerId;
  private final String host;
  private final int port;
  private final URI baseUri;
  private final InetSocketAddress address;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder requests = new LongAdder();
  private final WorkerTraffic traffic;

  /** A worker process whose requests count in {@code traffic}, the worker id's counters. */
  public Upstream(int workerId, String host, int port, WorkerTraffic traffic) {
    this.traffic = traffic;
    this.workerId = workerId;
    this.host = host;
    this.port = port;
    String authority = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    this.baseUri = URI.create("http://" + authority);
    this.address = new InetSocketAddress(host, port);
  }

  public int workerId() {
    return workerId;
  }

  /** The app the worker belongs to. */
  public String app() {
    return traffic.app();
  }

  /** {@code api/0}, or {@code 0} in the default app: how logs and the console name it. */
  public String workerName() {
    return traffic.workerName();
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** {@code http://host:port}, without a trailing slash: append the request's path and query. */
  public URI baseUri() {
    return baseUri;
  }

  public InetSocketAddress address() {
    return address;
  }

  /** The worker id's counters, shared by all its processes. */
  public WorkerTraffic traffic() {
    return traffic;
  }

  /**
   * Call when a request to this worker starts; pair with {@link #requestFinished()} and with one of
   * {@link WorkerTraffic#completed} or {@link WorkerTraffic#failed}.
   */
  public void requestStarted() {
    inFlight.incrementAndGet();
    requests.increment();
    traffic.started();
  }

  public void requestFinished() {
    inFlight.decrementAndGet();
  }

  public int inFlight() {
    return inFlight.get();
  }

  public long requests() {
    return requests.sum();
  }

  @Override
  public String toString() {
    return "worker " + traffic.workerName() + " (" + baseUri + ")";
  }
}

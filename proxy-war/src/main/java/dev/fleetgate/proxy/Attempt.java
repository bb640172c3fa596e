package dev.fleetgate.proxy;

import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.supervisor.routing.Upstream;
import dev.fleetgate.supervisor.traffic.ErrorKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One try of a request on one worker, for its counts: created when the try starts (the worker's
 * in-flight count and request count go up), closed by whichever of {@link #answered}, {@link
 * #failed} or {@link #cancelled} comes first (R7, R12). Only that first call ends the in-flight
 * count, records the traffic and blames passive health; the later ones do nothing, so a timeout
 * racing a completion on the asynchronous path never counts twice. Lock-free, and one object per
 * try: the closed flag is a field of its own. Public for the {@code upgrade} package's handshakes.
 */
public final class Attempt {
  private static final VarHandle CLOSED;

  static {
    try {
      CLOSED = MethodHandles.lookup().findVarHandle(Attempt.class, "closed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Peer peer;
  private final long startNanos;
  private volatile long headNanos;

  private volatile boolean closed; // set through CLOSED

  /** Starts a try on {@code peer}: it counts as in flight until closed. */
  public Attempt(Peer peer) {
    this.peer = peer;
    this.startNanos = System.nanoTime();
    peer.upstream().requestStarted();
  }

  public Peer peer() {
    return peer;
  }

  public int workerId() {
    return peer.workerId();
  }

  /** {@code api/0}, or {@code 0} in the default app: how logs name the worker. */
  public String workerName() {
    return peer.upstream().workerName();
  }

  /** The worker tried, for the access log. */
  public Upstream upstream() {
    return peer.upstream();
  }

  /** When the try started, by {@link System#nanoTime()}. */
  public long startNanos() {
    return startNanos;
  }

  /** The worker's response head arrived: the worker is healthy again (passive health). */
  public void headArrived() {
    headNanos = System.nanoTime();
    peer.health().succeeded();
  }

  /** Milliseconds from the start to the worker's response head, or -1 when none came. */
  public long millisToHead() {
    long head = headNanos;
    return head == 0 ? -1 : (head - startNanos) / 1_000_000;
  }

  /**
   * The worker's whole answer reached the client.
   *
   * @param nanos from sending the request to the answer's last byte
   * @param bytesIn request body bytes sent to the worker
   * @param bytesOut response body bytes relayed to the client
   * @return false when the attempt was already closed (nothing counted)
   */
  public boolean answered(int status, long nanos, long bytesIn, long bytesOut) {
    if (!close()) {
      return false;
    }
    peer.upstream().traffic().completed(status, nanos, bytesIn, bytesOut);
    return true;
  }

  /**
   * The attempt failed as {@code verdict} says; see {@link #failed(ErrorKind, boolean, long,
   * long)}.
   */
  public boolean failed(FailureVerdict verdict, long bytesIn, long bytesOut) {
    return failed(verdict.kind(), verdict.blame(), bytesIn, bytesOut);
  }

  /**
   * The attempt ended without the worker's complete answer.
   *
   * @param blame whether the worker's passive health counts it as a failure
   * @return false when the attempt was already closed (nothing counted)
   */
  public boolean failed(ErrorKind kind, boolean blame, long bytesIn, long bytesOut) {
    if (!close()) {
      return false;
    }
    peer.upstream().traffic().failed(kind, bytesIn, bytesOut);
    if (blame) {
      peer.health().failed();
    }
    return true;
  }

  /**
   * A tunnel the worker accepted with 101 closed: it counts as a 1xx answer, not in the latency
   * figures (a tunnel's life says nothing about the worker's speed).
   */
  public boolean tunnelClosed() {
    if (!close()) {
      return false;
    }
    peer.upstream().traffic().tunnelClosed();
    return true;
  }

  /** The client left before the answer was complete: not the worker's fault. */
  public boolean cancelled(long bytesIn, long bytesOut) {
    return failed(ErrorKind.CLIENT_ABORT, false, bytesIn, bytesOut);
  }

  /** True once one of the closing calls came. */
  public boolean closed() {
    return closed;
  }

  /** Claims the close and ends the in-flight count; false when another call claimed it first. */
  private boolean close() {
    if (!CLOSED.compareAndSet(this, false, true)) {
      return false;
    }
    peer.upstream().requestFinished();
    return true;
  }
}

package dev.fleetgate.frontdoor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.glassfish.grizzly.Connection;

/**
 * What the front door knows of one client connection: its request stream, when its current head
 * began (for the head timeout), and whether it became a tunnel (after a 101, its bytes are no
 * longer HTTP). Reads come from one thread at a time; the timeout sweep and the response's thread
 * only touch the volatile fields.
 */
final class ConnectionGuard {
  private static final VarHandle HEAD_SINCE;

  static {
    try {
      HEAD_SINCE =
          MethodHandles.lookup().findVarHandle(ConnectionGuard.class, "headSince", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Connection<?> connection;
  final RequestStream stream;
  private final HeadDeadlines deadlines;

  /** System.nanoTime() (made odd, never 0) when the current head began; 0 outside a head. */
  @SuppressWarnings("unused") // through HEAD_SINCE
  private volatile long headSince;

  volatile boolean upgradePending;
  volatile boolean tunnelled;
  volatile boolean refused;

  ConnectionGuard(Connection<?> connection, RequestStream stream, HeadDeadlines deadlines) {
    this.connection = connection;
    this.stream = stream;
    this.deadlines = deadlines;
  }

  long headSince() {
    return headSince;
  }

  /** A head began now (at accept, or with the first byte of the next request). */
  void headStarted(long nanos) {
    if ((long) HEAD_SINCE.getAndSet(this, nanos | 1) == 0) {
      deadlines.headOpened();
    }
  }

  /** The head ended: complete, refused, or the connection closed. */
  void headEnded() {
    if ((long) HEAD_SINCE.getAndSet(this, 0L) != 0) {
      deadlines.headClosed();
    }
  }
}

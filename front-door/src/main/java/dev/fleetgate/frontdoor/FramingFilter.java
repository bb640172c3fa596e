package dev.fleetgate.frontdoor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.ssl.SSLUtils;

/**
 * Reads every client byte before the container's HTTP parser does, and stops what a strict parser
 * would refuse (F1–F5): the request and anything after it never reach the container; the client
 * gets the refusal's answer and the connection is closed. When the bad bytes arrive while an
 * accepted request's body is still being read, the connection is cut instead: that request is
 * already being answered.
 */
final class FramingFilter extends BaseFilter {
  private static final byte[] SWITCHING = "HTTP/1.1 101".getBytes(StandardCharsets.US_ASCII);

  private final Attribute<ConnectionGuard> guards =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(FramingFilter.class.getName() + ".guard");
  private final HeadDeadlines deadlines;

  FramingFilter(HeadDeadlines deadlines) {
    this.deadlines = deadlines;
  }

  /** A new connection: its head timeout runs from now, even if it never sends a byte. */
  void accepted(Connection<?> connection) {
    guardOf(connection);
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    ConnectionGuard guard = guardOf(ctx.getConnection());
    if (guard.refused) {
      return ctx.getStopAction();
    }
    if (guard.tunnelled) {
      return ctx.getInvokeAction();
    }
    if (guard.stream.headsCompleted() == 0 && negotiatedHttp2(ctx.getConnection())) {
      // HTTP/2 frames, which Grizzly's HTTP/2 filter reads: nothing of HTTP/1.1 framing applies.
      guard.tunnelled = true;
      guard.headEnded();
      return ctx.getInvokeAction();
    }
    Buffer buffer = ctx.getMessage();
    RequestStream stream = guard.stream;
    boolean inBody = stream.inBody();
    int headsBefore = stream.headsCompleted();
    Refusal refusal = feed(stream, buffer);
    if (refusal != null) {
      refuse(ctx, guard, refusal, inBody);
      return ctx.getStopAction();
    }
    if (stream.cutCount() > 0) {
      ctx.setMessage(withoutCuts(ctx, buffer, stream.cuts(), stream.cutCount()));
    }
    if (stream.takeUpgradeAsked()) {
      guard.upgradePending = true;
    }
    if (!stream.inHead()) {
      guard.headEnded();
    } else if (stream.headsCompleted() != headsBefore || guard.headSince() == 0) {
      guard.headStarted(System.nanoTime());
    }
    return ctx.getInvokeAction();
  }

  private static boolean negotiatedHttp2(Connection<?> connection) {
    SSLEngine engine = SSLUtils.getSSLEngine(connection);
    return engine != null && "h2".equals(engine.getApplicationProtocol());
  }

  /** Watches for the {@code 101} that turns the connection into a tunnel of other bytes. */
  @Override
  public NextAction handleWrite(FilterChainContext ctx) throws IOException {
    Object message = ctx.getMessage();
    if (message instanceof Buffer buffer) {
      ConnectionGuard guard = guards.get(ctx.getConnection());
      if (guard != null && guard.upgradePending) {
        guard.upgradePending = false;
        guard.tunnelled = startsWith(buffer, SWITCHING);
      }
    }
    return ctx.getInvokeAction();
  }

  /** A copy of the buffer without the given [start, end) ranges (offsets as fed). */
  private static Buffer withoutCuts(FilterChainContext ctx, Buffer buffer, int[] cuts, int count) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    int base = buffer.hasArray() ? buffer.arrayOffset() + buffer.position() - bytes.length : 0;
    byte[] kept = new byte[bytes.length];
    int length = 0;
    int from = 0;
    for (int k = 0; k < count; k++) {
      int start = cuts[2 * k] - base;
      System.arraycopy(bytes, from, kept, length, start - from);
      length += start - from;
      from = cuts[2 * k + 1] - base;
    }
    System.arraycopy(bytes, from, kept, length, bytes.length - from);
    length += bytes.length - from;
    buffer.tryDispose();
    return Buffers.wrap(ctx.getMemoryManager(), kept, 0, length);
  }

  private static Refusal feed(RequestStream stream, Buffer buffer) {
    if (buffer.hasArray()) {
      int start = buffer.arrayOffset() + buffer.position();
      return stream.feed(buffer.array(), start, start + buffer.remaining());
    }
    byte[] copy = new byte[buffer.remaining()];
    int position = buffer.position();
    buffer.get(copy);
    buffer.position(position);
    return stream.feed(copy, 0, copy.length);
  }

  private void refuse(FilterChainContext ctx, ConnectionGuard guard, Refusal refusal, boolean cut) {
    guard.refused = true;
    guard.headEnded();
    Connection<?> connection = ctx.getConnection();
    if (cut) {
      connection.terminateSilently();
      return;
    }
    ctx.write(Buffers.wrap(connection.getMemoryManager(), refusal.response()));
    connection.closeSilently(); // graceful: after the answer is written
  }

  private ConnectionGuard guardOf(Connection<?> connection) {
    ConnectionGuard guard = guards.get(connection);
    if (guard == null) {
      ConnectionGuard created =
          new ConnectionGuard(
              connection, new RequestStream(FrontDoor.settings().maxBodySize()), deadlines);
      guards.set(connection, created);
      deadlines.accepted(created);
      connection.addCloseListener((closeable, type) -> deadlines.closed(created));
      guard = created;
    }
    return guard;
  }

  private static boolean startsWith(Buffer buffer, byte[] prefix) {
    if (buffer.remaining() < prefix.length) {
      return false;
    }
    int position = buffer.position();
    for (int i = 0; i < prefix.length; i++) {
      if (buffer.get(position + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}

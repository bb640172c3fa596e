package dev.fleetgate.frontdoor;

import java.io.IOException;
import java.lang.reflect.Field;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.asyncqueue.WritableMessage;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.portunif.PUFilter;

/**
 * Between port unification's back channel and the TLS filter. A write that answers a read goes on
 * to the back channel, which continues it in the listener's chain. Grizzly's HTTP/2 session writes
 * its frames from a chain of its own, with no read behind them, which the back channel cannot
 * continue (it fails on the missing parent context): those writes, already encrypted when they get
 * here, go to the transport directly, as the listener's transport filter would write them.
 */
final class DirectTransportWrites extends BaseFilter {
  private final Attribute<FilterChainContext> parentContexts;

  DirectTransportWrites(PUFilter owner) {
    this.parentContexts = parentContexts(owner);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public NextAction handleWrite(FilterChainContext ctx) throws IOException {
    if (parentContexts.get(ctx) != null) {
      return ctx.getInvokeAction();
    }
    FilterChainContext.TransportContext transport = ctx.getTransportContext();
    Connection connection = ctx.getConnection();
    connection
        .getTransport()
        .getWriter(transport.isBlocking())
        .write(
            connection,
            ctx.getAddress(),
            (WritableMessage) ctx.getMessage(),
            transport.getCompletionHandler(),
            transport.getMessageCloner());
    return ctx.getStopAction();
  }

  @Override
  public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
    boolean downstream = ctx.getStartIdx() > ctx.getEndIdx();
    if (downstream && parentContexts.get(ctx) == null) {
      return ctx.getStopAction(); // nothing below to tell: the transport queue flushes by itself
    }
    return ctx.getInvokeAction();
  }

  /** The attribute in which port unification keeps a write's parent context; not public. */
  @SuppressWarnings("unchecked")
  private static Attribute<FilterChainContext> parentContexts(PUFilter owner) {
    try {
      Field field = PUFilter.class.getDeclaredField("suspendedContextAttribute");
      field.setAccessible(true);
      return (Attribute<FilterChainContext>) field.get(owner);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this Grizzly's port unification is not the one expected", e);
    }
  }
}

package dev.fleetgate.frontdoor;

import java.io.IOException;
import java.util.logging.Logger;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.portunif.PUFilter;

/**
 * Puts the {@link FramingFilter} in front of the container's HTTP filters. Payara builds a network
 * listener's chain from its configuration, and the one place a class of ours can enter it is a
 * port-unification filter (the {@code classname} of a protocol's {@code port-unification}): every
 * protocol registered behind it gets its chain from {@link #getPUFilterChainBuilder}, to which this
 * adds the framing check ahead of the HTTP codec. {@code asadmin/front-door.asadmin} sets it up.
 */
public class FrontDoorFilter extends PUFilter {
  private static final Logger LOG = Logger.getLogger(FrontDoorFilter.class.getName());
  private static final HeadDeadlines DEADLINES = new HeadDeadlines(System::nanoTime);

  private final FramingFilter framing = new FramingFilter(DEADLINES);

  public FrontDoorFilter() {
    super(true);
    DEADLINES.start();
    FrontDoor.markInstalled();
    LOG.info("Fleetgate front door: request framing checked ahead of the HTTP parser");
  }

  @Override
  public FilterChainBuilder getPUFilterChainBuilder() {
    FilterChainBuilder builder = super.getPUFilterChainBuilder();
    addAheadOfFraming(builder);
    builder.add(framing);
    return builder;
  }

  /** What a listener needs between the connection and the framing check: TLS on the TLS one. */
  protected void addAheadOfFraming(FilterChainBuilder builder) {}

  @Override
  public NextAction handleAccept(FilterChainContext ctx) throws IOException {
    framing.accepted(ctx.getConnection());
    return ctx.getInvokeAction();
  }
}

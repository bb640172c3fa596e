package dev.fleetgate.frontdoor;

import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.portunif.PUContext;
import org.glassfish.grizzly.portunif.ProtocolFinder;

/**
 * The one protocol behind the front door is HTTP: every connection goes to it at once, without
 * waiting for bytes to recognise (so a silent connection is still under the head timeout).
 */
public class HttpOnlyFinder implements ProtocolFinder {
  @Override
  public Result find(PUContext puContext, FilterChainContext ctx) {
    return Result.FOUND;
  }
}

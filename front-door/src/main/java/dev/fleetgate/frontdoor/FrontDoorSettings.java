package dev.fleetgate.frontdoor;

import java.time.Duration;

/**
 * The front door's limits, given by the application from its configuration (F7).
 *
 * @param headerTimeout the longest a request head may take, from its first byte (or the accept) to
 *     its empty line ({@code fleetgate.http.header-timeout})
 * @param maxUnfinishedHeads how many connections may be in an unfinished head at once ({@code
 *     fleetgate.http.max-unfinished-heads})
 * @param maxBodySize the largest declared body answered with {@code 100 Continue}; larger ones get
 *     413 at once ({@code fleetgate.proxy.max-body-size}; 0 = no limit)
 */
public record FrontDoorSettings(Duration headerTimeout, int maxUnfinishedHeads, long maxBodySize) {
  /** Until the application starts: nginx's header timeout, and no body limit of our own. */
  public static final FrontDoorSettings DEFAULTS =
      new FrontDoorSettings(Duration.ofSeconds(60), 4096, 0);
}

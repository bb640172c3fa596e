package dev.fleetgate.supervisor.routing;

import java.util.List;

/**
 * The workers the proxy may send new requests to, as one immutable value. A new {@code Routes} is
 * published on every change; readers never see a half-made one.
 *
 * @param ready the READY workers, ordered by worker id
 * @param version increases by one with each publication
 */
public record Routes(List<Upstream> ready, long version) {
  public static final Routes EMPTY = new Routes(List.of(), 0);

  public Routes {
    ready = List.copyOf(ready);
  }

  public boolean isEmpty() {
    return ready.isEmpty();
  }
}

package dev.fleetgate.proxy;

import jakarta.enterprise.context.ApplicationScoped;

/** What the proxy servlet tells the health check: whether it is up. */
@ApplicationScoped
public class ProxyStatus {
  private volatile boolean open;

  void opened() {
    this.open = true;
  }

  void closed() {
    open = false;
  }

  public boolean open() {
    return open;
  }
}

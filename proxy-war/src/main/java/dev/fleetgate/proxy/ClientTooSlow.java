package dev.fleetgate.proxy;

import java.io.IOException;

/**
 * The client stopped sending its request body for longer than {@code fleetgate.proxy.read-timeout}
 * (nginx's {@code client_body_timeout}): answered 408, and not held against the worker.
 */
final class ClientTooSlow extends IOException {
  private static final long serialVersionUID = 1L;

  ClientTooSlow(String message) {
    super(message);
  }
}

package dev.fleetgate.proxy.upstream;

import java.io.IOException;

/** A worker's answer that breaks HTTP/1.1: the client gets 502, the worker a failure (U1). */
public final class MalformedResponse extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedResponse(String message) {
    super(message);
  }
}

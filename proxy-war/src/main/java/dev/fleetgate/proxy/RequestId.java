package dev.fleetgate.proxy;

import jakarta.servlet.http.HttpServletResponse;

/**
 * One request's id and the header that carries it (R18), decided once when the request arrives
 * ({@link ForwardingPolicy#requestIdFor}) and kept to its end: the worker, the client, the access
 * log and the proxy's log lines about the request all get the same one.
 *
 * @param header the header's name, null when request ids are off
 * @param value the id, null when request ids are off
 */
public record RequestId(String header, String value) {
  /** Request ids are off ({@code fleetgate.proxy.request-id=false}). */
  public static final RequestId NONE = new RequestId(null, null);

  /**
   * Puts the id on the answer. Called when the request arrives, and again wherever the answer's
   * headers were reset (a retry, the proxy's own error answer) or a worker's were copied (its own
   * id, if it sent one, is replaced: the client gets the one the worker was given).
   */
  public void stamp(HttpServletResponse response) {
    if (value != null) {
      response.setHeader(header, value);
    }
  }

  /** The id for a log line: "-" when off. */
  @Override
  public String toString() {
    return value == null ? "-" : value;
  }
}

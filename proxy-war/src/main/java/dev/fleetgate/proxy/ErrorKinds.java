package dev.fleetgate.proxy;

import dev.fleetgate.supervisor.traffic.ErrorKind;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/** Which {@link ErrorKind} a failure of the worker exchange counts as, for the traffic figures. */
final class ErrorKinds {
  private ErrorKinds() {}

  static ErrorKind of(Throwable cause) {
    if (cause instanceof ClientTooSlow) {
      return ErrorKind.CLIENT_ABORT;
    }
    if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
      return ErrorKind.CONNECT;
    }
    if (cause instanceof HttpTimeoutException) {
      return ErrorKind.TIMEOUT;
    }
    return ErrorKind.PROTOCOL;
  }
}

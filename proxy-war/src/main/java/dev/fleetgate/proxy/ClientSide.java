package dev.fleetgate.proxy;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.WriteListener;
import java.util.concurrent.CompletableFuture;

/**
 * The container's word on the client's side of one {@link Exchange} (R3, R7): the client can take
 * more of the answer, or it went away or broke the connection, which stops the worker's side too.
 * One per exchange; it reaches the relay of whichever attempt is current.
 */
final class ClientSide implements WriteListener, AsyncListener {
  private final Exchange exchange;

  ClientSide(Exchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public void onWritePossible() {
    ResponseRelay r = exchange.currentRelay();
    if (r != null) {
      r.writePossible();
    }
  }

  @Override
  public void onError(Throwable clientError) {
    ResponseRelay r = exchange.currentRelay();
    if (r != null) {
      r.clientGone(clientError); // the client went away: stop reading from the worker
    }
  }

  @Override
  public void onComplete(AsyncEvent event) {}

  @Override
  public void onStartAsync(AsyncEvent event) {}

  @Override
  public void onTimeout(AsyncEvent event) {
    gone(event);
  }

  @Override
  public void onError(AsyncEvent event) {
    gone(event);
  }

  private void gone(AsyncEvent event) {
    CompletableFuture<?> s = exchange.currentSending();
    if (s != null) {
      s.cancel(true);
    }
    ResponseRelay r = exchange.currentRelay();
    if (r != null) {
      r.clientGone(event.getThrowable());
    }
  }
}

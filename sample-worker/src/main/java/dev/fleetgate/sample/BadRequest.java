package dev.fleetgate.sample;

/** A request the worker cannot serve as asked; {@link Routes} answers it with 400. */
final class BadRequest extends RuntimeException {

  BadRequest(String message) {
    super(message, null, false, false);
  }
}

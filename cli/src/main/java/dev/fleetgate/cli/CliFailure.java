package dev.fleetgate.cli;

/** A command that ends with {@code exit} and one line on standard error saying why. */
final class CliFailure extends Exception {
  private static final long serialVersionUID = 1L;

  final Exit exit;

  CliFailure(Exit exit, String message) {
    super(message, null, false, false);
    this.exit = exit;
  }
}

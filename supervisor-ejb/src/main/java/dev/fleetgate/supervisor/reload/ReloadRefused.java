package dev.fleetgate.supervisor.reload;

/** A reloaded configuration that was refused (R1); the message names every problem. */
public final class ReloadRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReloadRefused(String message) {
    super(message);
  }
}

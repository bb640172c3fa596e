package dev.fleetgate.supervisor.control;

import java.time.Duration;

/**
 * Restart delays in the spirit of PM2's {@code exp_backoff_restart_delay} (R4): the first restart
 * waits {@code initial}, each following one {@code multiplier} times longer up to {@code max}; a
 * process that stayed up at least {@code resetAfter} starts the sequence again. Pure: no clock.
 */
public final class Backoff {
  private final Duration initial;
  private final double multiplier;
  private final Duration max;
  private final Duration resetAfter;
  private int attempt;

  public Backoff(Duration initial, double multiplier, Duration max, Duration resetAfter) {
    this.initial = initial;
    this.multiplier = multiplier;
    this.max = max;
    this.resetAfter = resetAfter;
  }

  /** The delay before restarting a process that ended after {@code uptime}. */
  public Duration delayAfter(Duration uptime) {
    if (uptime.compareTo(resetAfter) >= 0) {
      attempt = 0;
    }
    double millis = initial.toMillis() * Math.pow(multiplier, attempt);
    attempt++;
    return millis >= max.toMillis() ? max : Duration.ofMillis(Math.round(millis));
  }

  public void reset() {
    attempt = 0;
  }
}

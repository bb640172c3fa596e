package dev.fleetgate.supervisor.reload;

import dev.fleetgate.supervisor.config.ConfigValues;

/**
 * A part of Fleetgate that takes a reloaded configuration (R1): it reads and checks its values
 * first, throwing {@link dev.fleetgate.supervisor.config.InvalidConfigurationException} for a bad
 * one, and returns the step that puts them in force. Every part is checked before any applies, so
 * an invalid configuration changes nothing anywhere.
 */
@FunctionalInterface
public interface ReloadParticipant {
  Runnable prepare(ConfigValues values);
}

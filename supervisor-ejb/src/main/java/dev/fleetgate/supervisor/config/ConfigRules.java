package dev.fleetgate.supervisor.config;

/**
 * One module's rules for its settings (R4): reads every key it uses from {@code values} and throws
 * {@link InvalidConfigurationException} at the first bad one, exactly as the module does when it
 * starts. {@link ConfigCheck} runs them all, at start and for {@code fleetgate check}.
 */
@FunctionalInterface
public interface ConfigRules {
  void apply(ConfigValues values);
}

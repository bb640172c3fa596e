/**
 * Reading and validating configuration: every {@code fleetgate.*} value is checked once at start,
 * and a bad one stops start-up with a message naming the key and the value.
 *
 * <p>Requirements (tests name the one they prove):
 *
 * <ul>
 *   <li><b>R1</b> The operator's config file ({@link ConfigFile}, a MicroProfile Config source
 *       through {@link ConfigFileSource}, ordinal 200): named by the system property {@code
 *       fleetgate.config}, else by {@code FLEETGATE_CONFIG}; its values override the shipped
 *       defaults (100), environment variables (300) and system properties (400) override its. No
 *       file named: no file. A named file that cannot be read is a problem naming it. Its source's
 *       name is {@code config file <path>}, which the console shows as the source of its values.
 *   <li><b>R2</b> Durations, sizes, numbers and command lines are read by {@link ConfigValues} and
 *       {@link CommandLine}; a bad value is an {@link InvalidConfigurationException} naming the
 *       key.
 *   <li><b>R3</b> Every setting is in {@link KnownKeys}. Any other {@code fleetgate.*} name in a
 *       source, or {@code FLEETGATE_*} environment variable, is a problem that names it, its source
 *       and the nearest known name.
 *   <li><b>R4</b> {@link ConfigCheck} checks the whole configuration at once: the file (R1), the
 *       names (R3), and every module's {@link ConfigRules}; it reports every problem with its key,
 *       value and source, not only the first.
 *   <li><b>R5</b> {@code fleetgate check} ({@link CheckCommand}) runs that check on a plain JDK,
 *       without a server, on the sources the server would read, in MicroProfile Config's order
 *       ({@link LayeredConfig}): one line and status 0 when good, every problem and status 1 when
 *       not.
 *   <li><b>R6</b> Apps ({@link Apps}): {@code fleetgate.apps} names them in order (none: the one
 *       app {@code default}); each reads {@code fleetgate.apps.<app>.<key>} before the global
 *       {@code fleetgate.workers.<key>} or pool key of {@code fleetgate.proxy.*}, and a problem
 *       names the key that held the value. A key of an app not listed is a problem; two apps whose
 *       ports (with one more each for rolling restarts) overlap are refused ({@link
 *       SupervisorConfig#readApps}).
 * </ul>
 */
package dev.fleetgate.supervisor.config;

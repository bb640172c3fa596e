/**
 * Starting, or refusing to: the whole configuration is checked before anything starts, and on
 * Payara Micro a start that fails ends the server process, so a process manager sees it.
 *
 * <p>Requirements (tests name the one they prove):
 *
 * <ul>
 *   <li><b>R1</b> The configuration is checked once, when CDI has validated the deployment and
 *       before any component starts (no worker is spawned, no request served): the config file, no
 *       unknown {@code fleetgate.*} or {@code FLEETGATE_*} name, and every module's rules ({@link
 *       dev.fleetgate.supervisor.config.ConfigCheck}, the same check as {@code fleetgate check}).
 *       Any problem fails the deployment; the log lists every problem with its key, value and
 *       source.
 *   <li><b>R2</b> With {@code fleetgate.standalone=true} (set by the launcher and the integration
 *       tests on Payara Micro, never on a Payara Server domain), a start that fails ends the JVM
 *       with status 1 within seconds: an invalid configuration (R1), or any failed deployment, seen
 *       as the application being stopped while the JVM is not shutting down. The JVM's shutdown
 *       hooks run (the supervisor stops any workers it started); if they have not finished after 10
 *       s, the JVM halts, and the workers' guards stop them (control R6).
 * </ul>
 */
package dev.fleetgate.supervisor.startup;

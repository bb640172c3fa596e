/**
 * Reloading the configuration without a restart: {@code fleetgate reload}, the JSON API's {@code
 * POST /admin/api/reload}, or SIGHUP to a standalone server.
 *
 * <ul>
 *   <li>R1 The configuration is read again from its sources (the config file, the environment and
 *       system properties of the running server, the defaults) and checked whole, every part
 *       ({@link dev.fleetgate.supervisor.reload.ReloadParticipant}) before any applies: an invalid
 *       one is refused with every problem named ({@code OperationFailedException}), and the running
 *       configuration stays.
 *   <li>R2 Proxy settings apply to every request that starts afterwards; workers as {@code
 *       dev.fleetgate.supervisor.control} R11 says.
 *   <li>R3 One reload at a time.
 * </ul>
 */
package dev.fleetgate.supervisor.reload;

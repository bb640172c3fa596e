/**
 * How the server stops when a service manager asks it to (issue 12: lifecycle as systemd,
 * Kubernetes and {@code docker stop} expect), where Fleetgate owns its JVM ({@code
 * fleetgate.standalone}, set by the launcher on Payara Micro; never on a shared Payara Server).
 *
 * <ul>
 *   <li>R1 SIGTERM or SIGINT: the server reports itself not ready and its answers close their
 *       connections, the requests in flight finish (up to {@code fleetgate.workers.drain-timeout}),
 *       then the JVM exits with 0 and its shutdown stops the workers (TERM, grace, KILL).
 *   <li>R2 A second SIGTERM or SIGINT while draining stops waiting.
 *   <li>R3 SIGHUP reloads the configuration ({@code dev.fleetgate.supervisor.reload}).
 * </ul>
 */
package dev.fleetgate.supervisor.shutdown;

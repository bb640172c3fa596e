/**
 * MicroProfile Health, answered to anyone at {@code /health/live}, {@code /health/ready} and {@code
 * /health/started}.
 *
 * <ul>
 *   <li>R1 Live while the supervisor's periodic task keeps beating ({@link
 *       SupervisorLivenessCheck}).
 *   <li>R2 Ready while every app has at least its {@code min-ready} workers READY ({@code
 *       fleetgate.workers.min-ready}, {@code fleetgate.apps.<app>.min-ready}) and the server is not
 *       draining to stop ({@link WorkersReadinessCheck}); the data names each app, UP or DOWN.
 *   <li>R3 Started once every initial worker was ready once, or gave up ({@link
 *       InitialStartCheck}).
 *   <li>R4 Status only: each check's name and UP or DOWN, and the apps' names with theirs. Pids,
 *       ports, restarts and reasons are for operators: {@code /admin/metrics} (a console session or
 *       {@code fleetgate.metrics.token}) shows them ({@code dev.fleetgate.supervisor.traffic} R6).
 * </ul>
 */
package dev.fleetgate.supervisor.health;

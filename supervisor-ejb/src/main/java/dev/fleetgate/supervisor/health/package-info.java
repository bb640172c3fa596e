/**
 * MicroProfile Health, answered to anyone at {@code /health/live}, {@code /health/ready} and {@code
 * /health/started}.
 *
 * <ul>
 *   <li>R1 Live while the supervisor's periodic task keeps beating ({@link
 *       SupervisorLivenessCheck}).
 *   <li>R2 Ready while at least {@code fleetgate.workers.min-ready} workers are READY and the
 *       server is not draining to stop ({@link WorkersReadinessCheck}).
 *   <li>R3 Started once every initial worker was ready once, or gave up ({@link
 *       InitialStartCheck}).
 *   <li>R4 Status only: each check's name and UP or DOWN, no data. Pids, ports, restarts and
 *       reasons are for operators: {@code /admin/metrics} (a console session or {@code
 *       fleetgate.metrics.token}) shows them ({@code dev.fleetgate.supervisor.traffic} R6).
 * </ul>
 */
package dev.fleetgate.supervisor.health;

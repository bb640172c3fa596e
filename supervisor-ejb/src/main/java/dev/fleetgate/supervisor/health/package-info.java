/**
 * MicroProfile Health: liveness (the supervisor's heartbeat), readiness (at least {@code
 * fleetgate.workers.min-ready} workers ready) and startup (every initial worker ready once or
 * failed), each with the state of every worker in its data.
 */
package dev.fleetgate.supervisor.health;

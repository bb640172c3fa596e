package dev.fleetgate.supervisor.entity;

import java.time.Instant;

/**
 * One move of a worker from one state to another: its history, for the console.
 *
 * @param at when it moved
 * @param from the state it left
 * @param to the state it entered
 * @param pid its process at the time, or -1
 * @param reason why, when the supervisor knows (an exit status, an operator's request), or null
 */
public record WorkerEvent(Instant at, WorkerState from, WorkerState to, long pid, String reason) {}

/**
 * Supervising worker processes: everything that happens to a worker, in plain Java.
 *
 * <ul>
 *   <li>R1 Starts {@code fleetgate.workers.count} workers (0 = CPUs) from the configured command,
 *       split as a POSIX shell would, run without a shell, in the configured directory, each with
 *       {@code PORT} = base-port + id, {@code WORKER_ID}, {@code HOST} and the extra environment.
 *   <li>R2 A worker is READY once its port accepts connections (or the ready path answers 2xx/3xx)
 *       within the start timeout; otherwise it is killed and counts as a failed start.
 *   <li>R3 Explicit states with one transition table ({@link Lifecycle}); every move is logged with
 *       worker id, pid, and exit code or signal.
 *   <li>R4 An unexpected exit restarts the worker with exponential backoff ({@link Backoff}); too
 *       many failed starts in the window put it in FAILED ({@link CrashLoopGuard}).
 *   <li>R5 Graceful stop: SIGTERM, grace period, SIGKILL, for the worker's whole process group.
 *   <li>R6 No orphans: the guard script kills the group when the server dies, the pid file lets a
 *       new start kill what a crashed run left, a port taken by another process is a clear error.
 *   <li>R7 Output read without blocking the worker, kept as the last N lines ({@link LogTail}) and
 *       in per-worker files rotated by size ({@link RotatingLogFile}).
 *   <li>R8 Operations: snapshot, start, stop, restart, drain, scale, rolling restart, memory limit.
 *   <li>R9 The ready workers are published as an immutable routes value on every change.
 * </ul>
 */
package dev.fleetgate.supervisor.control;

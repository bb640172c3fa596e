/**
 * Supervising worker processes: everything that happens to a worker, in plain Java.
 *
 * <p>{@link Fleet} holds the workers: membership, scale, rolling restart, the snapshot and the
 * routes. Each {@link Worker} runs its own lifecycle under its own monitor: its processes come from
 * the {@link WorkerLauncher}, the {@link RestartPolicy} says what their exits mean. The {@link
 * ResourceMonitor} samples their memory and CPU.
 *
 * <ul>
 *   <li>R1 Starts {@code fleetgate.workers.count} workers (0 = CPUs) from the configured command,
 *       split as a POSIX shell would, run without a shell, in the configured directory, each with
 *       {@code PORT} = base-port + id, {@code WORKER_ID}, {@code HOST} and the extra environment.
 *   <li>R2 A worker is READY once its port accepts connections (or the ready path answers 2xx/3xx)
 *       within the start timeout; otherwise it is killed and counts as a failed start.
 *   <li>R3 Explicit states with one transition table ({@link Lifecycle}); every move is logged with
 *       worker id, pid, and exit code or signal, and the last 100 are kept ({@link WorkerEvents}).
 *   <li>R4 What the end of a worker's process means is decided in one place, from the exit and the
 *       worker's history ({@link RestartPolicy}):
 *       <ul>
 *         <li>R4.1 An exit during a stop or a drain leaves the worker STOPPED.
 *         <li>R4.2 A failed start (exit before ready, killed for not being ready in time, exit
 *             within {@code min-uptime} of ready) restarts it after the backoff delay; too many
 *             failed starts in the window put it in FAILED ({@link CrashLoopGuard}) until an
 *             operator starts it, which also forgets its history.
 *         <li>R4.3 Any other exit of a ready worker, even with status 0, restarts it after the
 *             backoff delay.
 *         <li>R4.4 Delays grow exponentially over consecutive restarts ({@link Backoff}), as PM2's
 *             {@code exp_backoff_restart_delay}: a worker that becomes ready and crashes a few
 *             seconds later keeps its growing delay; one that ran {@code backoff.reset-after}
 *             starts the sequence again.
 *       </ul>
 *   <li>R5 Graceful stop: SIGTERM, grace period, SIGKILL, for the worker's whole process group.
 *   <li>R6 No orphans: the guard script kills the group when the server dies, the pid file lets a
 *       new start kill what a crashed run left, a port taken by another process is a clear error.
 *   <li>R7 Output read without blocking the worker, kept as the last N lines ({@link LogTail}) and
 *       in per-worker files rotated by size ({@link RotatingLogFile}).
 *       <ul>
 *         <li>R7.1 Each kept line has a number from one fleet-wide counter, growing per worker and
 *             across the workers that take a slot in turn: a follower asking for the lines after
 *             the last number it saw gets each new line once.
 *       </ul>
 *   <li>R8 Operations: snapshot, start, stop, restart, drain, scale, rolling restart, memory limit
 *       ({@link ResourceMonitor}).
 *       <ul>
 *         <li>R8.1 Starting a worker that is draining or stopping is refused (it would be reported
 *             as started while it goes down); starting one that starts or runs changes nothing.
 *       </ul>
 *   <li>R9 The ready workers are published as an immutable routes value on every change.
 *   <li>R10 Each worker's state has its own lock, taken briefly and never around a readiness probe:
 *       an operation on one worker never waits for another, queries take no fleet-wide lock, and
 *       the proxy reads the routes without any.
 *   <li>R11 A reloaded configuration applies to the workers started from then on; a change to what
 *       a worker is started with (command, directory, environment, host, ports, readiness) replaces
 *       the running ones one at a time, each replacement ready before the old one drains; a new
 *       count scales; the state directory cannot change without a restart.
 * </ul>
 */
package dev.fleetgate.supervisor.control;

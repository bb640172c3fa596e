package dev.fleetgate.supervisor.entity;

import java.time.Instant;
import java.util.List;

/**
 * What one worker looked like at one moment; immutable, safe to hand to any thread.
 *
 * @param app the app (pool) the worker belongs to ({@link WorkerName})
 * @param id the worker's id, also its slot: it listens on base-port + id
 * @param pid the worker's process id, or -1 when it has no process
 * @param port the TCP port the worker was told to listen on ({@code PORT})
 * @param state its lifecycle state
 * @param since when it entered {@code state}
 * @param startedAt when its current process started, or null
 * @param restarts how many times the supervisor started it again after the first start
 * @param lastExit how its previous process ended, or null
 * @param rssBytes resident memory of its whole process tree, or -1 when unknown
 * @param cpuPercent CPU used by its process tree over the last few seconds, in percent of one core
 *     (200 = two cores busy), or -1 when unknown
 * @param inFlight requests the proxy is forwarding to it now
 * @param reason why it is in {@code FAILED} or {@code BACKOFF}, or null
 * @param command the command line it runs
 */
public record WorkerSnapshot(
    String app,
    int id,
    long pid,
    int port,
    WorkerState state,
    Instant since,
    Instant startedAt,
    int restarts,
    ExitStatus lastExit,
    long rssBytes,
    double cpuPercent,
    int inFlight,
    String reason,
    List<String> command) {

  public WorkerSnapshot {
    command = List.copyOf(command);
  }

  /** {@code api/0}, or {@code 0} in the default app ({@link WorkerName}). */
  public String name() {
    return WorkerName.of(app, id);
  }

  public boolean ready() {
    return state == WorkerState.READY;
  }
}

package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.entity.WorkerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Memory and CPU of every worker's process tree, sampled on each tick of the fleet's periodic task,
 * and the memory limit (R8): a READY worker over {@code memory-limit} is to be restarted, checked
 * once per {@code memory-check-interval} like PM2's {@code max_memory_restart}. {@link #sample}
 * runs on one thread at a time; {@link #usageOf} from any.
 */
final class ResourceMonitor {
  private static final Logger LOG = Logger.getLogger(ResourceMonitor.class.getName());

  /**
   * A worker's figures at its last sample.
   *
   * @param rssBytes resident memory of its process tree, -1 when unknown
   * @param cpuPercent CPU since the sample before, in percent of one core, -1 when unknown
   * @param cpuTicks CPU time of its process tree so far, -1 when unknown
   */
  record Usage(long rssBytes, double cpuPercent, long cpuTicks, Instant sampledAt) {
    static final Usage UNKNOWN = new Usage(-1, -1, -1, null);
  }

  private final long memoryLimitBytes;
  private final Duration checkInterval;
  // Keyed by the worker itself, not its id: a new worker on a reused id starts with no figures.
  private final Map<Worker, Usage> usage = new ConcurrentHashMap<>();
  private Instant lastMemoryCheck = Instant.EPOCH;

  ResourceMonitor(long memoryLimitBytes, Duration checkInterval) {
    this.memoryLimitBytes = memoryLimitBytes;
    this.checkInterval = checkInterval;
  }

  Usage usageOf(Worker worker) {
    return usage.getOrDefault(worker, Usage.UNKNOWN);
  }

  /** Samples every worker; returns the READY ones over the memory limit when a check is due. */
  List<Worker> sample(Collection<Worker> workers, Instant now) {
    boolean checkLimit = memoryLimitBytes > 0 && !now.isBefore(lastMemoryCheck.plus(checkInterval));
    List<Worker> overLimit = new ArrayList<>();
    for (Worker worker : workers) {
      long pid = worker.pid();
      long rss = pid > 0 ? ProcessTree.residentBytes(pid) : -1;
      long ticks = pid > 0 ? ProcessTree.cpuTicks(pid) : -1;
      Usage before = usageOf(worker);
      usage.put(
          worker,
          new Usage(
              rss, cpuPercent(before.cpuTicks(), before.sampledAt(), ticks, now), ticks, now));
      if (checkLimit && rss > memoryLimitBytes && worker.state() == WorkerState.READY) {
        LOG.log(
            Level.WARNING,
            "Worker {0} (pid {1}) uses {2} bytes, over fleetgate.workers.memory-limit: restarting",
            new Object[] {worker.id, Long.toString(pid), Long.toString(rss)});
        overLimit.add(worker);
      }
    }
    usage.keySet().removeIf(gone -> !workers.contains(gone));
    if (checkLimit) {
      lastMemoryCheck = now;
    }
    return overLimit;
  }

  /** Percent of one core between two samples of a process tree's CPU ticks (100 per second). */
  static double cpuPercent(long ticksBefore, Instant before, long ticksNow, Instant now) {
    if (ticksBefore < 0 || ticksNow < ticksBefore || before == null) {
      return -1;
    }
    long millis = Duration.between(before, now).toMillis();
    return millis <= 0 ? -1 : (ticksNow - ticksBefore) * 10.0 * 100.0 / millis;
  }
}

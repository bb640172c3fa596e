package dev.fleetgate.supervisor.control;

import dev.fleetgate.supervisor.config.SupervisorConfig;
import dev.fleetgate.supervisor.entity.LogLine;
import dev.fleetgate.supervisor.entity.WorkerName;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Starts the processes of every worker (R1, R6): the configured command through the guard script
 * from the state directory, with {@code PORT}, {@code WORKER_ID}, {@code HOST} and the configured
 * environment, after checking that no other process holds the port; and keeps the pid file in the
 * state directory in step, so a later start can kill what a crashed run left. Thread-safe.
 */
final class WorkerLauncher {

  /** A process that could not be started; the message says why, for the console. */
  static final class LaunchFailed extends Exception {
    LaunchFailed(String reason) {
      super(reason);
    }
  }

  private final SupervisorConfig config;
  private final List<String> command;
  private final StateDirectory stateDir;
  private final ThreadFactory readers;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;

  WorkerLauncher(
      SupervisorConfig config,
      List<String> command,
      StateDirectory stateDir,
      ThreadFactory readers,
      ScheduledExecutorService scheduler,
      Clock clock) {
    this.config = config;
    this.command = List.copyOf(command);
    this.stateDir = stateDir;
    this.readers = readers;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** The environment a worker's process gets on top of the server's own. */
  Map<String, String> environment(int id, int port) {
    Map<String, String> env = new HashMap<>(config.environment());
    env.put("PORT", Integer.toString(port));
    env.put("WORKER_ID", Integer.toString(id));
    env.put("HOST", config.host());
    return env;
  }

  /** Starts a process for worker {@code id}; its output lines go to {@code output}. */
  WorkerProcess launch(int id, int port, Consumer<LogLine> output) throws LaunchFailed {
    if (!ReadinessProbe.portFree(config.host(), port)) {
      throw new LaunchFailed("port " + port + " is already in use by another process");
    }
    try {
      WorkerProcess process =
          WorkerProcess.start(
              new WorkerProcess.Launch(
                  stateDir.extract(WorkerLauncher.class, "worker-guard.sh"),
                  command,
                  config.directory(),
                  environment(id, port),
                  config.stopGrace(),
                  config.orphanGrace()),
              readers,
              scheduler,
              clock,
              output);
      process.pidReported().thenAccept(pid -> recordPid(id, process, pid));
      return process;
    } catch (IOException | RuntimeException e) {
      throw new LaunchFailed("cannot start " + command.get(0) + ": " + e.getMessage());
    }
  }

  /** The process ended: it no longer belongs in the pid file. */
  void forget(int id, WorkerProcess process) {
    stateDir.forgetRunning(WorkerName.of(config.app(), id), process.pid());
  }

  private void recordPid(int id, WorkerProcess process, long pid) {
    if (pid > 0 && process.alive()) {
      stateDir.recordRunning(WorkerName.of(config.app(), id), pid);
    }
  }
}

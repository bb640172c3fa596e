package dev.fleetgate.sample;

/** Who answers: the worker's configured id and its process id, as every JSON answer names them. */
record WorkerIdentity(String workerId, long pid) {

  static WorkerIdentity of(String workerId) {
    return new WorkerIdentity(workerId, ProcessHandle.current().pid());
  }
}

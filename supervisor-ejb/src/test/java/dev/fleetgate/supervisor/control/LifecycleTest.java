package dev.fleetgate.supervisor.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.entity.WorkerState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R3: one transition table governs every state change. */
class LifecycleTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "STOPPED, STARTING",
    "STARTING, READY",
    "STARTING, STOPPING",
    "STARTING, BACKOFF",
    "STARTING, FAILED",
    "READY, DRAINING",
    "READY, STOPPING",
    "READY, BACKOFF",
    "READY, FAILED",
    "DRAINING, STOPPING",
    "DRAINING, STOPPED",
    "STOPPING, STOPPED",
    "STOPPING, BACKOFF",
    "STOPPING, FAILED",
    "BACKOFF, STARTING",
    "BACKOFF, STOPPED",
    "FAILED, STARTING",
    "FAILED, STOPPED"
  })
  void r3_allowsTheDocumentedMoves(WorkerState from, WorkerState to) {
    assertTrue(Lifecycle.allows(from, to));
    assertEquals(to, Lifecycle.check(from, to));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "STOPPED, READY",
    "STOPPED, DRAINING",
    "STARTING, DRAINING",
    "READY, STARTING",
    "DRAINING, READY",
    "STOPPING, READY",
    "STOPPING, STARTING",
    "BACKOFF, READY",
    "FAILED, READY",
    "FAILED, BACKOFF"
  })
  void r3_refusesEveryOtherMove(WorkerState from, WorkerState to) {
    assertFalse(Lifecycle.allows(from, to));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Lifecycle.check(from, to));
    assertTrue(e.getMessage().contains(from + " to " + to));
  }
}

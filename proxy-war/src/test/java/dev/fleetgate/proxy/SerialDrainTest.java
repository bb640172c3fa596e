package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** R3: a body's step runs on one thread at a time, and no call made meanwhile is lost. */
class SerialDrainTest {
  final List<Exception> failures = new ArrayList<>();
  int runs;
  int depth;
  int deepest;
  SerialDrain cut;

  @Test
  void r3_aCallDuringTheStepRunsItAgainAfterwardsNotInside() {
    cut =
        new SerialDrain(
            () -> {
              depth++;
              deepest = Math.max(deepest, depth);
              if (runs++ < 2) {
                cut.run(); // as another thread would while this one is in the step
              }
              depth--;
            },
            failures::add);

    cut.run();

    assertEquals(3, runs, "each call made during a run gets a run of its own");
    assertEquals(1, deepest, "never two runs at once");
  }

  @Test
  void r3_aFailingStepIsReportedAndTheDrainStaysUsable() {
    IOException broken = new IOException("client gone");
    cut =
        new SerialDrain(
            () -> {
              if (runs++ == 0) {
                throw broken;
              }
            },
            failures::add);

    cut.run();
    cut.run();

    assertEquals(1, failures.size());
    assertSame(broken, failures.get(0));
    assertEquals(2, runs);
  }
}

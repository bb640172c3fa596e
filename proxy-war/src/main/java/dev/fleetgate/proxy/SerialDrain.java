package dev.fleetgate.proxy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a body's step on one thread at a time, without a lock (R3, R14): the JDK client's threads
 * and the container's call {@link #run()} whenever something changed; a call made while another
 * thread is in the step makes that thread run it once more before it leaves, so no change is missed
 * and no caller waits.
 */
final class SerialDrain {
  /** The step: moves what it can and returns; it must not block. */
  interface Step {
    void run() throws IOException;
  }

  private final AtomicInteger wip = new AtomicInteger();
  private final Step step;
  private final Consumer<Exception> onFailure;

  /**
   * @param onFailure gets what the step threw; the drain goes on with the next run
   */
  SerialDrain(Step step, Consumer<Exception> onFailure) {
    this.step = step;
    this.onFailure = onFailure;
  }

  void run() {
    if (wip.getAndIncrement() != 0) {
      return; // the thread in the step runs it again
    }
    int missed = 1;
    do {
      try {
        step.run();
      } catch (IOException | RuntimeException e) {
        onFailure.accept(e);
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }
}

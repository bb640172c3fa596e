package dev.fleetgate.supervisor.shutdown;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GracefulStopTest {
  final AtomicInteger inFlight = new AtomicInteger();

  @Test
  void r1_theDrainEndsAsSoonAsNoRequestIsInFlight() throws Exception {
    inFlight.set(3);
    GracefulStop stop = new GracefulStop(inFlight::get, Duration.ofSeconds(30));
    Thread finisher =
        new Thread(
            () -> {
              for (int i = 0; i < 3; i++) {
                sleep(100);
                inFlight.decrementAndGet();
              }
            });
    finisher.start();
    long started = System.nanoTime();
    assertTrue(stop.drain(), "drained");
    assertTrue(System.nanoTime() - started < 5_000_000_000L, "well before the timeout");
  }

  @Test
  void r1_theDrainGivesUpAtItsTimeout() throws Exception {
    inFlight.set(1);
    long started = System.nanoTime();
    assertFalse(new GracefulStop(inFlight::get, Duration.ofMillis(300)).drain());
    long waited = (System.nanoTime() - started) / 1_000_000;
    assertTrue(waited >= 300 && waited < 5_000, waited + " ms");
  }

  @Test
  void r2_aSecondSignalStopsTheWait() throws Exception {
    inFlight.set(1);
    GracefulStop stop = new GracefulStop(inFlight::get, Duration.ofMinutes(5));
    new Thread(
            () -> {
              sleep(200);
              stop.hurry();
            })
        .start();
    long started = System.nanoTime();
    assertFalse(stop.drain());
    assertTrue(System.nanoTime() - started < 5_000_000_000L);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

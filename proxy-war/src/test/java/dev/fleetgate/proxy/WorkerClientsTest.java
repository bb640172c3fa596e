package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R14: how the proxy's JDK clients are laid out and how their callbacks run. */
class WorkerClientsTest {

  @ParameterizedTest
  @CsvSource({"1, 1", "2, 1", "3, 1", "4, 2", "16, 8"})
  void oneClientPerTwoProcessorsAtLeastOne(int processors, int clients) {
    assertEquals(clients, WorkerClients.countFor(processors));
  }

  @Test
  void aWorkerIsAlwaysReachedThroughTheSameClientAndWorkersAreSpreadOverAll() {
    WorkerClients cut = new WorkerClients(3, Duration.ofSeconds(1));

    assertSame(cut.forWorker(7), cut.forWorker(7));
    assertSame(cut.forWorker(1), cut.forWorker(4), "ids 3 apart share a client");
    assertEquals(
        3,
        Set.of(cut.forWorker(0), cut.forWorker(1), cut.forWorker(2)).size(),
        "three consecutive ids use the three clients");
  }

  @Test
  void callbacksRunOnTheCallingThread() {
    List<Thread> ranOn = new ArrayList<>();
    WorkerClients.INLINE.execute(() -> ranOn.add(Thread.currentThread()));
    assertEquals(List.of(Thread.currentThread()), ranOn);
  }

  @Test
  void aFailingCallbackNeverReachesTheClientsSelectorThread() {
    // Thrown on the selector thread, it would shut the JDK client down for every request.
    WorkerClients.INLINE.execute(
        () -> {
          throw new IllegalStateException("a bug in a callback");
        });
    WorkerClients.INLINE.execute(this::recurseForever);
  }

  private void recurseForever() {
    recurseForever();
  }
}

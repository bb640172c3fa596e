package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.proxy.balance.ActiveHealth;
import dev.fleetgate.proxy.balance.PassiveHealth;
import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.supervisor.routing.Upstream;
import dev.fleetgate.supervisor.traffic.ErrorKind;
import dev.fleetgate.supervisor.traffic.WorkerTraffic;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** R7, R12: each try on a worker counts once, in flight and in traffic, however it ends. */
class AttemptTest {
  final WorkerTraffic traffic = new WorkerTraffic("default", 0);
  final Upstream upstream = new Upstream(0, "127.0.0.1", 3000, traffic);
  final PassiveHealth health = new PassiveHealth(3, Duration.ofSeconds(10), System::nanoTime);
  final Peer peer = new Peer(upstream, 1, health, new ActiveHealth(2, 3));

  @Test
  void r7_countsInFlightFromTheStartUntilItCloses() {
    Attempt cut = new Attempt(peer);
    assertEquals(1, upstream.inFlight());
    assertEquals(1, traffic.inFlight());

    cut.answered(200, 1_000_000, 10, 20);

    assertEquals(0, upstream.inFlight());
    assertEquals(0, traffic.inFlight());
    assertEquals(1, traffic.responses(2));
    assertEquals(10, traffic.bytesIn());
    assertEquals(20, traffic.bytesOut());
  }

  @Test
  void r7_aSecondCloseCountsNothing() {
    Attempt cut = new Attempt(peer);

    assertTrue(cut.failed(ErrorKind.TIMEOUT, true, 5, 0));
    assertFalse(cut.answered(200, 1_000_000, 5, 100), "the answer after a timeout");
    assertFalse(cut.cancelled(5, 0), "the client leaving after that");
    assertFalse(cut.failed(ErrorKind.PROTOCOL, true, 5, 0));

    assertTrue(cut.closed());
    assertEquals(0, upstream.inFlight(), "in flight ended once, not below zero");
    assertEquals(0, traffic.inFlight());
    assertEquals(1, traffic.errors(ErrorKind.TIMEOUT));
    assertEquals(0, traffic.errors(ErrorKind.PROTOCOL) + traffic.errors(ErrorKind.CLIENT_ABORT));
    assertEquals(0, traffic.responses(2));
    assertEquals(5, traffic.bytesIn());
    assertEquals(1, health.fails(), "passive health blamed once");
  }

  @Test
  void r7_racingClosesCountOnce() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 1000; i++) {
        Attempt cut = new Attempt(peer);
        CountDownLatch go = new CountDownLatch(1);
        Future<?> timeout =
            threads.submit(
                () -> {
                  go.await();
                  return cut.failed(ErrorKind.TIMEOUT, false, 0, 0);
                });
        Future<?> answer =
            threads.submit(
                () -> {
                  go.await();
                  return cut.answered(200, 1, 0, 0);
                });
        go.countDown();
        timeout.get(10, TimeUnit.SECONDS);
        answer.get(10, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(0, upstream.inFlight());
    assertEquals(1000, traffic.errors(ErrorKind.TIMEOUT) + traffic.responses(2));
  }

  @Test
  void r5_theClientLeavingIsNotTheWorkersFault() {
    health.failed();
    Attempt cut = new Attempt(peer);

    cut.cancelled(3, 0);

    assertEquals(1, traffic.errors(ErrorKind.CLIENT_ABORT));
    assertEquals(1, health.fails(), "not blamed");
  }

  @Test
  void r5_aResponseHeadMakesTheWorkerHealthyAgain() {
    health.failed();
    Attempt cut = new Attempt(peer);
    assertEquals(-1, cut.millisToHead());

    cut.headArrived();

    assertEquals(0, health.fails());
    assertTrue(cut.millisToHead() >= 0);
  }

  @Test
  void r12_aVerdictClosesWithItsKindAndBlame() {
    Attempt cut = new Attempt(peer);
    FailureVerdict tooLarge =
        FailureVerdict.of(
            new java.io.IOException("over the limit"),
            "PUT",
            FailureVerdict.Body.TOO_LARGE,
            FailureVerdict.Client.WAITING,
            1,
            3);

    cut.failed(tooLarge, 2_000_000, 0);

    assertEquals(1, traffic.errors(tooLarge.kind()));
    assertEquals(2_000_000, traffic.bytesIn());
    assertEquals(0, health.fails(), "an oversized body is the client's fault");
  }
}

package dev.fleetgate.proxy.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {
  final AtomicLong clock = new AtomicLong(1_000_000_000L);
  ServerSocket worker;
  InetSocketAddress address;
  final List<Socket> accepted = new ArrayList<>();
  ConnectionPool cut;

  @BeforeEach
  void startAWorker() throws IOException {
    worker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    address = new InetSocketAddress(InetAddress.getLoopbackAddress(), worker.getLocalPort());
    cut = new ConnectionPool(2, 4_000_000_000L, 1000, clock::get);
  }

  @AfterEach
  void stop() throws IOException {
    cut.close();
    for (Socket s : accepted) {
      s.close();
    }
    worker.close();
  }

  @Test
  void aConnectionGivenBackIsTakenAgainAndKnownAsReused() throws IOException {
    WorkerConnection first = cut.take(address);
    assertFalse(first.reused());
    cut.giveBack(first);
    assertEquals(1, cut.idleCount(address));

    WorkerConnection again = cut.take(address);
    assertTrue(again.reused());
    assertEquals(0, cut.idleCount(address));
  }

  @Test
  void keepsNoMoreIdleConnectionsThanItsLimit() throws IOException {
    WorkerConnection a = cut.take(address);
    WorkerConnection b = cut.take(address);
    WorkerConnection c = cut.take(address);
    cut.giveBack(a);
    cut.giveBack(b);
    cut.giveBack(c);
    assertEquals(2, cut.idleCount(address));
  }

  @Test
  void anIdleConnectionPastTheIdleLimitIsClosedNotUsed() throws IOException {
    WorkerConnection old = cut.take(address);
    cut.giveBack(old);
    clock.addAndGet(4_000_000_001L);

    WorkerConnection taken = cut.take(address);
    assertFalse(taken.reused(), "a new connection");
    assertNotSame(old, taken);
    assertEquals(0, cut.idleCount(address));
  }

  @Test
  void aRequestThatMustNotBeSentTwiceReusesOnlyARecentlyUsedConnection() throws IOException {
    WorkerConnection first = cut.take(address);
    cut.giveBack(first);
    clock.addAndGet(1_500_000_000L); // idle 1.5 s: within the idle limit, too old for a POST

    WorkerConnection forPost = cut.take(address, 1_000_000_000L);
    assertFalse(forPost.reused(), "a new connection, not the one idle for 1.5 s");
    assertEquals(0, cut.idleCount(address), "the old one was closed, not kept");

    cut.giveBack(forPost);
    clock.addAndGet(500_000_000L);
    assertTrue(cut.take(address, 1_000_000_000L).reused(), "idle 0.5 s: reused");
  }
}

package dev.fleetgate.frontdoor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.grizzly.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeadDeadlinesTest {
  final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
  final Set<Object> terminated = new HashSet<>();
  HeadDeadlines cut = new HeadDeadlines(clock::get);

  @BeforeEach
  void limits() {
    FrontDoor.configure(new FrontDoorSettings(Duration.ofSeconds(10), 3, 0));
  }

  @AfterEach
  void defaults() {
    FrontDoor.configure(FrontDoorSettings.DEFAULTS);
  }

  ConnectionGuard connect() {
    Connection<?> connection =
        (Connection<?>)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("terminateSilently")) {
                    terminated.add(proxy);
                  }
                  return method.getName().equals("hashCode")
                      ? System.identityHashCode(proxy)
                      : method.getName().equals("equals") ? proxy == args[0] : null;
                });
    ConnectionGuard guard = new ConnectionGuard(connection, new RequestStream(0), cut);
    cut.accepted(guard);
    clock.addAndGet(1_000_000); // a millisecond apart
    return guard;
  }

  @Test
  void aHeadOverTheTimeoutIsClosedAndOneWithinItIsNot() {
    ConnectionGuard slow = connect();
    clock.addAndGet(Duration.ofSeconds(6).toNanos());
    ConnectionGuard recent = connect();
    clock.addAndGet(Duration.ofSeconds(5).toNanos());

    cut.sweep();

    assertTrue(terminated.contains(slow.connection));
    assertFalse(terminated.contains(recent.connection));
    assertEquals(1, cut.unfinishedHeads());
  }

  @Test
  void aCompletedHeadIsNeverTimedOut() {
    ConnectionGuard done = connect();
    done.headEnded();
    clock.addAndGet(Duration.ofMinutes(5).toNanos());

    cut.sweep();

    assertFalse(terminated.contains(done.connection));
    assertEquals(0, cut.unfinishedHeads());
  }

  @Test
  void overTheLimitTheOldestHeadGoesOnceItHasWaitedAQuarterOfTheTimeout() {
    ConnectionGuard first = connect();
    connect();
    connect();
    ConnectionGuard burst = connect(); // a burst: nobody has waited long, nobody is closed
    clock.addAndGet(Duration.ofMillis(2400).toNanos());
    cut.sweep();
    assertTrue(terminated.isEmpty(), "not before a quarter of the 10 s timeout");
    assertEquals(4, cut.unfinishedHeads());

    clock.addAndGet(Duration.ofMillis(200).toNanos());
    cut.sweep();

    assertEquals(Set.of(first.connection), terminated);
    assertFalse(terminated.contains(burst.connection));
    assertEquals(3, cut.unfinishedHeads());
  }
}

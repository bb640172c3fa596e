package dev.fleetgate.proxy.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** R2: an idle tunnel holds little memory; a busy one reads in large pieces. */
class TunnelBuffersTest {

  @Test
  void r2_aTunnelStartsWithFourKibPerDirectionOrWhatTheWorkerAlreadySent() {
    assertEquals(4096, TunnelBuffers.first(0).capacity());
    assertEquals(4096, TunnelBuffers.first(100).capacity());
    assertEquals(10_000, TunnelBuffers.first(10_000).capacity(), "bytes after the 101 fit");
  }

  @Test
  void r2_aReadThatDidNotFillTheBufferKeepsItForTheNextRead() {
    ByteBuffer last = ByteBuffer.allocate(4096);
    last.put(new byte[100]).flip();

    ByteBuffer next = TunnelBuffers.next(last, 100);

    assertSame(last, next);
    assertEquals(0, next.position());
    assertEquals(4096, next.remaining(), "cleared for a whole read");
  }

  @Test
  void r2_fullReadsDoubleTheBufferUpToSixtyFourKib() {
    ByteBuffer buffer = TunnelBuffers.first(0);
    StringBuilder sizes = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      buffer = TunnelBuffers.next(buffer, buffer.capacity());
      sizes.append(buffer.capacity() / 1024).append(' ');
    }
    assertEquals("8 16 32 64 64 64 ", sizes.toString());
  }

  @Test
  void r2_aFirstBufferLargerThanTheLargestIsKept() {
    ByteBuffer big = TunnelBuffers.first(100_000);
    assertSame(big, TunnelBuffers.next(big, 100_000));
  }
}

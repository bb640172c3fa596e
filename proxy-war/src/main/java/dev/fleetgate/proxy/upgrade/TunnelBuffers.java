package dev.fleetgate.proxy.upgrade;

import java.nio.ByteBuffer;

/**
 * The buffer each direction of a tunnel reads into (R2). Most tunnels sit idle between small
 * messages, and every open one holds its two buffers, so they start at 4 KiB, nginx's buffer size
 * for tunnels. A read that fills its buffer means more is coming at once: the next buffer is twice
 * as large, up to 64 KiB, so a bulk transfer still moves in large reads.
 */
final class TunnelBuffers {
  static final int FIRST = 4 * 1024;
  static final int LARGEST = 64 * 1024;

  private TunnelBuffers() {}

  /** A first buffer, large enough for {@code bytes}. */
  static ByteBuffer first(int bytes) {
    return ByteBuffer.allocate(Math.max(FIRST, bytes));
  }

  /**
   * The buffer for the next read: {@code last}, cleared, or a new one of twice its size when the
   * last read, of {@code lastRead} bytes, filled it.
   */
  static ByteBuffer next(ByteBuffer last, int lastRead) {
    if (lastRead < last.capacity() || last.capacity() >= LARGEST) {
      return last.clear();
    }
    return ByteBuffer.allocate(Math.min(LARGEST, last.capacity() * 2));
  }
}
